// The customer's tracking page: their words, everything that happened since, a way to answer, and
// whether they receive emails about it.
import type { Tracking, TrackingEvent } from '@ecoute/shared/contract';
import { LIMITS } from '@ecoute/shared/limits';
import { emailsChoice } from './customer-emails-page.ts';
import { html } from './html.ts';
import { layout } from './layout.ts';
import { CUSTOMER_STRINGS as STRINGS } from '@ecoute/shared/customer-strings';

export interface TrackingPageInput {
  view: Tracking;
  token: string;
  draft?: string;
  error?: string;
}

export function trackingPage({ view, token, draft, error }: TrackingPageInput): string {
  const t = STRINGS[view.locale];
  const when = new Intl.DateTimeFormat(view.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const time = (iso: string) => html`<time datetime="${iso}">${when.format(new Date(iso))} UTC</time>`;
  const day = new Intl.DateTimeFormat(view.locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
  const dueBy = (date: string) =>
    html`<time datetime="${date}">${t.dueBy(day.format(new Date(`${date}T00:00:00Z`)))}</time>`;
  const author = (event: TrackingEvent) =>
    event.authorName ? html`${event.authorName} · ${t.author.team}` : t.author[event.author];
  const words = (event: TrackingEvent) => html`<p class="customer-text">${event.text}</p>`;
  // Each type the customer sees, placed deliberately (no default: a new type must be placed here).
  const content = (event: TrackingEvent) => {
    switch (event.type) {
      case 'acknowledged':
      case 'customer_message':
        return words(event);
      case 'reply':
        return html`${words(event)}${
          event.commitments?.length
            ? html`<div class="commitments"><p><strong>${t.commitmentsTitle}</strong></p><ul>${event.commitments.map(
                (commitment) =>
                  html`<li class="commitment commitment-${commitment.status}">${commitment.description} — ${dueBy(commitment.dueOn)} <span class="commitment-status">(${t.commitmentStatus[commitment.status]})</span></li>`,
              )}</ul></div>`
            : ''
        }`;
      case 'commitment_fulfilled':
      case 'commitment_dropped':
        return html`<p class="follow-up"><strong>${t.followUp[event.type]}</strong> ${event.commitment ?? ''}</p>${words(event)}`;
    }
  };
  const body = html`
<header>
  <p class="form-name">${view.formName}</p>
  <h1>${t.trackingTitle(view.reference)}</h1>
  <p class="status status-${view.status}">${t.status[view.status]}</p>
</header>
<section aria-labelledby="message-heading">
  <h2 id="message-heading">${t.yourMessage}</h2>
  <blockquote class="customer-text">${view.message.body}</blockquote>
  <p class="meta">${view.message.name ? html`${view.message.name} · ` : ''}${time(view.message.at)}</p>
</section>
<section aria-labelledby="timeline-heading">
  <h2 id="timeline-heading">${t.timeline}</h2>
  <ol class="timeline">
  ${view.timeline.map(
    (event) => html`<li class="event event-${event.type} author-${event.author}" id="event-${event.id}">
    <p class="meta"><strong>${author(event)}</strong> · ${time(event.at)}</p>
    ${content(event)}
  </li>`,
  )}
  </ol>
</section>
${
  view.emails
    ? html`<section aria-labelledby="emails-heading" id="emails">
  <h2 id="emails-heading">${t.emails.title}</h2>
  ${emailsChoice({ view: { ...view, emails: view.emails }, token })}
</section>`
    : ''
}
<section aria-labelledby="add-heading">
  <h2 id="add-heading">${t.addTitle}</h2>
  <form method="post" action="/t/${token}" accept-charset="utf-8">
    ${error ? html`<p class="error" role="alert" id="add-error">${error}</p>` : ''}
    <label for="body">${t.addLabel}</label>
    <textarea id="body" name="body" rows="5" required maxlength="${LIMITS.body}"${
      error ? html` aria-invalid="true" aria-describedby="add-error"` : ''
    }>${draft ?? ''}</textarea>
    <button type="submit">${t.send}</button>
  </form>
</section>`;
  return layout({ locale: view.locale, title: t.trackingTitle(view.reference), body });
}
