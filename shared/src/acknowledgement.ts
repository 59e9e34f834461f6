// The automatic acknowledgement: the first thing a customer hears back, in their language.
import type { Locale } from './locale.ts';

export interface AcknowledgementInput {
  locale: Locale;
  reference: string;
  name?: string | null | undefined;
  /** Present when the customer is not already on the tracking page. */
  trackingUrl?: string | undefined;
}

export function acknowledgementText({ locale, reference, name, trackingUrl }: AcknowledgementInput): string {
  const who = name?.trim();
  if (locale === 'fr') {
    return [
      who ? `Bonjour ${who},` : 'Bonjour,',
      `merci pour votre message : nous l’avons bien reçu sous la référence ${reference}.`,
      'Une personne de notre équipe le lit et vous répondra personnellement.',
      trackingUrl ? `Vous pouvez suivre sa réponse et nous écrire à nouveau ici : ${trackingUrl}` : undefined,
    ]
      .filter(Boolean)
      .join(' ');
  }
  return [
    who ? `Hello ${who},` : 'Hello,',
    `thank you for your message: we have received it under reference ${reference}.`,
    'A person on our team is reading it and will answer you personally.',
    trackingUrl ? `You can follow the answer and write to us again here: ${trackingUrl}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
}
