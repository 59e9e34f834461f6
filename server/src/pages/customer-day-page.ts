// The shared Customer Day report (`/customer-day/{token}`): the published snapshot, readable by anyone
// holding the link, printable (customer-day.css), with every customer word escaped by `html`.
import type { CustomerDayReport, Publication, ReportMessage } from '@ecoute/shared/customer-day-contract';
import { CUSTOMER_DAY_STRINGS } from '@ecoute/shared/customer-day-strings';
import type { Locale } from '@ecoute/shared/locale';
import { html, type Html } from './html.ts';
import { layout } from './layout.ts';

const STYLESHEETS = ['/assets/customer-day.css'];

export function customerDayPage({
  locale,
  publication,
  report,
}: {
  locale: Locale;
  publication: Publication;
  report: CustomerDayReport;
}): string {
  const t = CUSTOMER_DAY_STRINGS[locale];
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const longDay = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' });
  const day = (date: string) => longDay.format(new Date(`${date}T00:00:00Z`));
  const instant = (iso: string) => longDay.format(new Date(iso));
  const number = new Intl.NumberFormat(tag);
  const percent = (value: number | null) =>
    value === null
      ? t.notAvailable
      : new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  const minutes = (value: number | null) => (value === null ? t.notAvailable : t.minutes(Math.round(value)));
  const { period } = report;

  const section = (id: string, title: string, content: Html | Html[] | string) =>
    html`<section class="report-section" aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${content}</section>`;
  const countTable = (label: string, rows: Array<{ name: string; count: number }>) =>
    rows.length === 0
      ? html`<p>${t.none}</p>`
      : html`<table><thead><tr><th scope="col">${label}</th><th scope="col">${t.count}</th></tr></thead><tbody>${rows.map(
          (row) => html`<tr><td>${row.name}</td><td class="number">${number.format(row.count)}</td></tr>`,
        )}</tbody></table>`;
  const teamRows = (rows: CustomerDayReport['compliments']['byTeam']) =>
    rows.map((row) => ({ name: row.teamName ?? t.notAnswered, count: row.count }));
  const messageList = (messages: ReportMessage[], total: number) =>
    messages.length === 0
      ? ''
      : html`<ul class="report-messages">${messages.map(
          (message) =>
            html`<li lang="${message.locale}"><span class="customer-text">${message.excerpt}</span> <span class="meta">— ${message.reference}${message.teamName ? html`, ${message.teamName}` : ''}</span></li>`,
        )}</ul>${messages.length < total ? html`<p class="meta">${t.more(messages.length, total)}</p>` : ''}`;

  const c = report.commitments;
  const body = html`<div class="customer-day">
<header>
  <h1>${t.title(day(period.date))}</h1>
  <p class="meta">${t.period(day(period.from.slice(0, 10)), day(period.date))}</p>
  <p class="meta">${t.published(instant(publication.publishedAt), publication.version)}${
    publication.publishedBy ? html` ${t.publishedBy(publication.publishedBy.name)}` : ''
  }</p>
  <p class="print-hint">${t.print}</p>
</header>
${section(
  'volumes',
  t.volumes,
  html`<p><strong>${t.received(report.volumes.received)}</strong></p>
<h3>${t.byTeam}</h3>${countTable(
    t.team,
    report.volumes.byTeam.map((row) => ({ name: row.teamName ?? '', count: row.count })),
  )}
<h3>${t.byLanguage}</h3>${countTable(
    t.language,
    report.volumes.byLanguage.map((row) => ({ name: t.languages[row.locale], count: row.count })),
  )}`,
)}
${section(
  'answers',
  t.answers,
  html`<table><tbody>
<tr><th scope="row">${t.answered}</th><td class="number">${number.format(report.answers.answered)} / ${number.format(report.answers.received)}</td></tr>
<tr><th scope="row">${t.answerRate}</th><td class="number">${percent(report.answers.rate)}</td></tr>
</tbody></table>
${
  report.answers.byTeam.length === 0
    ? ''
    : html`<table><thead><tr><th scope="col">${t.team}</th><th scope="col">${t.answerRate}</th><th scope="col">${t.firstReply.target}</th><th scope="col">${t.firstReply.median}</th><th scope="col">${t.firstReply.p90}</th><th scope="col">${t.firstReply.withinTarget}</th></tr></thead><tbody>${report.answers.byTeam.map(
        (team) =>
          html`<tr><td>${team.teamName}</td><td class="number">${percent(team.received ? team.answered / team.received : null)}</td><td class="number">${minutes(team.firstReplyTargetMinutes)}</td><td class="number">${minutes(team.firstReplyMedianMinutes)}</td><td class="number">${minutes(team.firstReplyP90Minutes)}</td><td class="number">${percent(team.answered ? team.withinTarget / team.answered : null)}</td></tr>`,
      )}</tbody></table>`
}`,
)}
${section(
  'commitments',
  t.commitments,
  html`<table><tbody>${(['made', 'keptOnTime', 'keptLate', 'dropped', 'open', 'overdue'] as const).map(
    (key) => html`<tr><th scope="row">${t.commitment[key]}</th><td class="number">${number.format(c[key])}</td></tr>`,
  )}<tr><th scope="row">${t.commitment.keptOnTimeRate}</th><td class="number">${percent(c.keptOnTimeRate)}</td></tr></tbody></table>`,
)}
${section(
  'rising-words',
  t.risingWords,
  report.risingWords.length === 0
    ? html`<p>${t.none}</p>`
    : html`<table><thead><tr><th scope="col">${t.term}</th><th scope="col">${t.count}</th><th scope="col">${t.previousCount}</th></tr></thead><tbody>${report.risingWords.map(
        (word) =>
          html`<tr><td>${word.text}</td><td class="number">${number.format(word.messages)}</td><td class="number">${number.format(word.previousMessages)}</td></tr>`,
      )}</tbody></table>`,
)}
${section(
  'verbatims',
  t.verbatims,
  report.verbatims.length === 0
    ? html`<p>${t.none}</p>`
    : report.verbatims.map(
        (verbatim) => html`<figure class="verbatim" lang="${verbatim.locale}">
<blockquote class="customer-text">${verbatim.body}</blockquote>
<figcaption class="meta">${verbatim.reference} · ${verbatim.teamName} · ${instant(verbatim.receivedAt)}</figcaption>
${verbatim.note ? html`<p lang="${locale}"><strong>${t.note}</strong> ${verbatim.note}${verbatim.pinnedBy ? html` — ${verbatim.pinnedBy}` : ''}</p>` : ''}
</figure>`,
      ),
)}
${section(
  'compliments',
  t.compliments,
  html`<p><strong>${number.format(report.compliments.total)}</strong></p>${countTable(t.team, teamRows(report.compliments.byTeam))}${messageList(report.compliments.messages, report.compliments.total)}`,
)}
${section(
  'lost-customers',
  t.lostCustomers,
  html`<p><strong>${number.format(report.lostCustomers.total)}</strong></p>${countTable(t.team, teamRows(report.lostCustomers.byTeam))}${messageList(report.lostCustomers.messages, report.lostCustomers.total)}`,
)}
</div>`;
  return layout({ locale, title: t.title(day(period.date)), body, stylesheets: STYLESHEETS });
}

/** What a revoked link answers: plainly that it was revoked, and nothing of the report. */
export function revokedSharePage(locale: Locale): string {
  const t = CUSTOMER_DAY_STRINGS[locale];
  return layout({ locale, title: t.revokedTitle, body: html`<h1>${t.revokedTitle}</h1><p>${t.revokedText}</p>` });
}
