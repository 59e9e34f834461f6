// The page behind the unsubscribe link every digest carries: it works without an account, and asks
// before it acts (link scanners open links, only a person presses a button); the same address takes
// the mail client's one-click POST (RFC 8058).
import type { Locale } from '@ecoute/shared/locale';
import { html } from './html.ts';
import { layout } from './layout.ts';

const STRINGS: Record<
  Locale,
  { title: string; ask: (address: string) => string; button: string; done: (address: string) => string }
> = {
  fr: {
    title: 'Résumé de la semaine',
    ask: (address) => `Ne plus envoyer le résumé de la semaine à ${address} ?`,
    button: 'Me désabonner',
    done: (address) => `C’est fait : ${address} ne recevra plus le résumé de la semaine.`,
  },
  en: {
    title: 'Weekly digest',
    ask: (address) => `Stop sending the weekly digest to ${address}?`,
    button: 'Unsubscribe',
    done: (address) => `Done: ${address} will not receive the weekly digest any more.`,
  },
};

export function digestUnsubscribePage({
  locale,
  email,
  token,
  unsubscribed,
}: {
  locale: Locale;
  email: string;
  token: string;
  unsubscribed: boolean;
}): string {
  const t = STRINGS[locale];
  const body = html`
<header><h1>${t.title}</h1></header>
${
  unsubscribed
    ? html`<p class="emails-state emails-off" role="status">${t.done(email)}</p>`
    : html`<p class="emails-state emails-on">${t.ask(email)}</p>
<form method="post" action="/digests/unsubscribe/${token}" accept-charset="utf-8">
  <button type="submit">${t.button}</button>
</form>`
}`;
  return layout({ locale, title: t.title, body });
}
