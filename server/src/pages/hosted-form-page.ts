// The hosted form: a plain HTML form that works with JavaScript turned off.
import { LIMITS } from '@ecoute/shared/limits';
import type { Locale } from '@ecoute/shared/locale';
import { CUSTOMER_STRINGS } from '@ecoute/shared/customer-strings';
import { html } from './html.ts';
import { layout } from './layout.ts';

export interface HostedFormInput {
  formKey: string;
  formName: string;
  /** The form's colour, when it has one. */
  accent: string | null;
  locale: Locale;
  renderedAt: number;
  /** The idempotency key of this page's message: sent again (a double click, a retry), it is one message. */
  submissionKey: string;
  values?: { body?: string | undefined; name?: string | undefined; email?: string | undefined };
  /** Problems per field, from validation. */
  fields?: Record<string, string>;
  error?: string;
}

export function hostedFormPage(input: HostedFormInput): string {
  const { formKey, formName, locale, values = {}, fields = {}, error } = input;
  const t = CUSTOMER_STRINGS[locale];
  const invalid = (field: string) =>
    fields[field] ? html` aria-invalid="true" aria-describedby="${field}-error"` : '';
  const problem = (field: string) =>
    fields[field] ? html`<p class="error" id="${field}-error">${fields[field]}</p>` : '';
  const body = html`
<h1>${t.formTitle(formName)}</h1>
<p>${t.formIntro}</p>
<form method="post" action="/f/${encodeURIComponent(formKey)}" accept-charset="utf-8">
  ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
  <input type="hidden" name="locale" value="${locale}">
  <input type="hidden" name="renderedAt" value="${input.renderedAt}">
  <input type="hidden" name="submissionKey" value="${input.submissionKey}">
  <label for="body">${t.bodyLabel}</label>
  <textarea id="body" name="body" rows="8" required maxlength="${LIMITS.body}"${invalid('body')}>${values.body ?? ''}</textarea>
  ${problem('body')}
  <label for="name">${t.nameLabel}</label>
  <input id="name" name="name" autocomplete="name" maxlength="${LIMITS.name}" value="${values.name ?? ''}"${invalid('name')}>
  ${problem('name')}
  <label for="email">${t.emailLabel}</label>
  <input id="email" name="email" type="email" autocomplete="email" maxlength="${LIMITS.email}" aria-describedby="email-hint${fields.email ? ' email-error' : ''}" value="${values.email ?? ''}"${
    fields.email ? html` aria-invalid="true"` : ''
  }>
  <p class="hint" id="email-hint">${t.emailHint}</p>
  ${problem('email')}
  <div class="hp" aria-hidden="true">
    <label for="website">${t.honeypotLabel}</label>
    <input id="website" name="website" tabindex="-1" autocomplete="off">
  </div>
  <button type="submit">${t.send}</button>
</form>`;
  return layout({ locale, title: t.formTitle(formName), body, accent: input.accent });
}
