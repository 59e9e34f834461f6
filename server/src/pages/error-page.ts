// The page a person gets when a page of ours cannot answer: says so plainly, reveals nothing, and
// says how to get back to what they typed.
import type { Locale } from '@ecoute/shared/locale';
import { CUSTOMER_STRINGS, type CustomerStrings } from '@ecoute/shared/customer-strings';
import { html } from './html.ts';
import { layout } from './layout.ts';

function kind(status: number): keyof CustomerStrings['errors'] {
  if (status === 404) return 'notFound';
  if (status === 413) return 'tooLarge';
  if (status === 429) return 'limited';
  return status >= 500 ? 'failed' : 'unreadable';
}

export function errorPage(locale: Locale, status: number): string {
  const { title, text } = CUSTOMER_STRINGS[locale].errors[kind(status)];
  return layout({ locale, title, body: html`<h1>${title}</h1><p>${text}</p>` });
}
