// The automatic acknowledgement: the first thing a customer hears back, in their language.
import { CUSTOMER_STRINGS } from './customer-strings.ts';
import type { Locale } from './locale.ts';

export interface AcknowledgementInput {
  locale: Locale;
  reference: string;
  name?: string | null | undefined;
  /** Present when the customer is not already on the tracking page. */
  trackingUrl?: string | undefined;
}

export function acknowledgementText({ locale, reference, name, trackingUrl }: AcknowledgementInput): string {
  const t = CUSTOMER_STRINGS[locale].acknowledgement;
  return [
    t.greeting(name?.trim() || undefined),
    t.received(reference),
    t.reading,
    trackingUrl ? t.follow(trackingUrl) : undefined,
  ]
    .filter(Boolean)
    .join(' ');
}
