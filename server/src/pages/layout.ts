// The frame of every server-rendered page: no scripts, our stylesheet only, never indexed.
import type { Locale } from '@ecoute/shared/locale';
import { html, type Html } from './html.ts';

/** Where a form's accent is a stylesheet of its own: `style-src 'self'` refuses inline styles. */
export const accentStylesheet = (accent: string) => `/assets/accent/${accent.slice(1).toLowerCase()}.css`;

export function layout({
  locale,
  title,
  body,
  accent,
  stylesheets = [],
}: {
  locale: Locale;
  title: string;
  body: Html;
  /** The form's colour (`#rrggbb`), when it has one. */
  accent?: string | null | undefined;
  /** Stylesheets of our own a page adds after pages.css. */
  stylesheets?: string[];
}): string {
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="/assets/pages.css">
${accent ? html`<link rel="stylesheet" href="${accentStylesheet(accent)}">` : ''}
${stylesheets.map((href) => html`<link rel="stylesheet" href="${href}">`)}
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.value;
}
