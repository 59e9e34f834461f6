// The automatic acknowledgement: the first thing a customer hears back, in their language. A form
// may word it itself (its admins' text, with placeholders); the tracking link is always added.
import { CUSTOMER_STRINGS } from './customer-strings.ts';
import type { Locale } from './locale.ts';
import { fillPlaceholders, unknownPlaceholders } from './templates.ts';

/** What a form's own acknowledgement may say: the facts every acknowledgement has. */
export const ACKNOWLEDGEMENT_PLACEHOLDERS = ['name', 'reference'] as const;

export interface AcknowledgementInput {
  locale: Locale;
  reference: string;
  name?: string | null | undefined;
  /** Present when the customer is not already on the tracking page. */
  trackingUrl?: string | undefined;
  /** The form's own words for this language, as they were when the message came (null: Ecoute's). */
  formText?: string | null | undefined;
}

export function acknowledgementText({ locale, reference, name, trackingUrl, formText }: AcknowledgementInput): string {
  const t = CUSTOMER_STRINGS[locale].acknowledgement;
  const customerName = name?.trim() || undefined;
  const words = formText
    ? [
        fillPlaceholders(formText.trim(), (placeholder) =>
          placeholder === 'name' ? (customerName ?? '') : placeholder === 'reference' ? reference : undefined,
        ),
      ]
    : [t.greeting(customerName), t.received(reference), t.reading];
  return [...words, trackingUrl ? t.follow(trackingUrl) : undefined].filter(Boolean).join(' ');
}

/** A form's text keeps no placeholder that no message fills, nor stray braces: they would reach customers. */
export function unknownAcknowledgementPlaceholders(text: string): string[] {
  return unknownPlaceholders(text, ACKNOWLEDGEMENT_PLACEHOLDERS);
}
