// The page for unknown tracking links and forms: says so plainly, reveals nothing.
import type { Locale } from '@ecoute/shared/locale';
import { html } from './html.ts';
import { layout } from './layout.ts';
import { STRINGS } from './strings.ts';

export function notFoundPage(locale: Locale): string {
  const t = STRINGS[locale];
  return layout({ locale, title: t.notFoundTitle, body: html`<h1>${t.notFoundTitle}</h1><p>${t.notFoundText}</p>` });
}
