// The frame of every server-rendered page: no scripts, our stylesheet only, never indexed.
import type { Locale } from '@ecoute/shared/locale';
import { html, type Html } from './html.ts';

export function layout({ locale, title, body }: { locale: Locale; title: string; body: Html }): string {
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="/assets/pages.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.value;
}
