// The customer's choice about emails: where it stands and the one button that changes it, on the
// tracking page and on the page behind the link every email carries (which asks before it acts:
// link scanners open links, only a person presses a button).
import type { Tracking } from '@ecoute/shared/contract';
import { CUSTOMER_STRINGS as STRINGS } from '@ecoute/shared/customer-strings';
import type { CustomerEmailState } from '@ecoute/shared/statuses';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';

export interface EmailsChoiceInput {
  view: Tracking & { emails: CustomerEmailState };
  token: string;
  /** The customer asked to turn emails back on and a bouncing address refused it. */
  refused?: boolean;
  /** Asks before turning emails off, in the words of the link's page. */
  asking?: boolean;
}

/** The state in words and the form that changes it (none for a bouncing address). */
export function emailsChoice({ view, token, refused, asking }: EmailsChoiceInput): Html {
  const t = STRINGS[view.locale].emails;
  const next = view.emails === 'on' ? 'off' : 'on';
  return html`<p class="emails-state emails-${view.emails}"${refused ? html` role="alert"` : ''}>${
    refused ? t.cannotTurnOn : asking && view.emails === 'on' ? t.confirm : t.state[view.emails]
  }</p>${
    view.emails === 'bouncing'
      ? ''
      : html`<form method="post" action="/t/${token}/emails/${next}" accept-charset="utf-8">
    <button type="submit">${next === 'off' ? t.turnOff : t.turnOn}</button>
  </form>`
  }`;
}

/** The page of the link in every email: asks first when emails are on, says where they stand after. */
export function customerEmailsPage(input: EmailsChoiceInput): string {
  const { view, token } = input;
  const t = STRINGS[view.locale].emails;
  const body = html`
<header>
  <p class="form-name">${view.formName}</p>
  <h1>${t.pageTitle(view.reference)}</h1>
</header>
${emailsChoice({ ...input, asking: true })}
<p><a href="/t/${token}">${t.back}</a></p>`;
  return layout({ locale: view.locale, title: t.pageTitle(view.reference), body });
}
