// The words of each email Ecoute writes, as plain text and as HTML with the same content: to the
// customer (acknowledgement, reply, a commitment kept or dropped) in their language, with their
// tracking link and the link to stop emails; to the team (reminders) with the link to the message.
// Everything a customer or an agent wrote is escaped in the HTML (pages/html.ts).
import { acknowledgementText } from '@ecoute/shared/acknowledgement';
import { CUSTOMER_STRINGS } from '@ecoute/shared/customer-strings';
import type { Locale } from '@ecoute/shared/locale';
import { html, type Html } from '../../pages/html.ts';
import { DIGEST_STRINGS } from './digest-strings.ts';
import { TEAM_STRINGS } from './team-strings.ts';

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

interface About {
  locale: Locale;
  reference: string;
}

export type CustomerEmail = About & {
  customerName: string | null;
  /** Where the customer follows the message; null for messages stored before emails existed. */
  trackingUrl: string | null;
  /** The page that stops emails about this message (the same URL takes the one-click POST). */
  stopUrl: string | null;
} & (
    | { kind: 'acknowledgement'; customerWords: string; formText: string | null }
    | { kind: 'reply'; words: string; commitments: Array<{ description: string; dueOn: string }> }
    | { kind: 'commitment_kept' | 'commitment_dropped'; commitment: string; words: string }
  );

export type TeamEmail = About & {
  /** The message in the agent app. */
  messageUrl: string;
  excerpt: string;
} & (
    | { kind: 'commitment_due' | 'commitment_overdue'; commitment: string; dueOn: string }
    | { kind: 'unanswered'; waitingSince: Date }
  );

/** A piece of an email: the same paragraph as text and as HTML. */
interface Part {
  text: string;
  html: Html;
}

const paragraph = (text: string): Part => ({
  text,
  html: html`<p style="margin:0 0 16px">${text}</p>`,
});
/** Words someone wrote: kept as they are, line breaks included. */
const quote = (text: string): Part => ({
  text: text.replace(/^/gm, '> '),
  html: html`<blockquote style="margin:0 0 16px;padding:0 0 0 12px;border-left:3px solid #ccc;white-space:pre-wrap">${text}</blockquote>`,
});
const words = (text: string): Part => ({
  text,
  html: html`<div style="margin:0 0 16px;white-space:pre-wrap">${text}</div>`,
});
const list = (items: string[]): Part => ({
  text: items.map((item) => `- ${item}`).join('\n'),
  html: html`<ul style="margin:0 0 16px">${items.map((item) => html`<li>${item}</li>`)}</ul>`,
});
const link = (label: string, url: string): Part => ({
  text: `${label}: ${url}`,
  html: html`<p style="margin:0 0 16px"><a href="${url}">${label}</a></p>`,
});
const small = (text: string): Part => ({
  text,
  html: html`<p style="margin:0 0 8px;color:#666;font-size:13px">${text}</p>`,
});

/** The body, then below a signature line (which reply parsers cut at) the footer. */
function assemble(locale: Locale, subject: string, body: Part[], footer: Part[]): ComposedEmail {
  return {
    subject,
    text: [...body.map((part) => part.text), '-- ', ...footer.map((part) => part.text)].join('\n\n') + '\n',
    html: html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:40em;margin:0 auto;padding:16px">
${body.map((part) => part.html)}
<hr style="border:0;border-top:1px solid #ddd;margin:24px 0 16px">
${footer.map((part) => part.html)}
</body></html>
`.toString(),
  };
}

function day(locale: Locale, date: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export function composeCustomerEmail(email: CustomerEmail): ComposedEmail {
  const t = CUSTOMER_STRINGS[email.locale];
  const greeting = paragraph(t.acknowledgement.greeting(email.customerName?.trim() || undefined));
  const body: Part[] = (() => {
    switch (email.kind) {
      case 'acknowledgement':
        return [
          paragraph(
            acknowledgementText({
              locale: email.locale,
              reference: email.reference,
              name: email.customerName,
              formText: email.formText,
            }),
          ),
          paragraph(t.email.yourWords),
          quote(email.customerWords),
        ];
      case 'reply':
        return [
          words(email.words),
          ...(email.commitments.length > 0
            ? [
                paragraph(t.commitmentsTitle),
                list(email.commitments.map((c) => `${c.description} — ${t.dueBy(day(email.locale, c.dueOn))}`)),
              ]
            : []),
        ];
      case 'commitment_kept':
        return [
          greeting,
          paragraph(t.email.kept(email.commitment)),
          paragraph(t.email.keptOutcome),
          words(email.words),
        ];
      case 'commitment_dropped':
        return [
          greeting,
          paragraph(t.email.dropped(email.commitment)),
          paragraph(t.email.droppedReason),
          words(email.words),
        ];
    }
  })();
  const footer = [
    small(t.email.answerByEmail),
    ...(email.trackingUrl ? [link(t.email.track, email.trackingUrl)] : []),
    ...(email.stopUrl ? [link(t.email.stop, email.stopUrl)] : []),
    ...(email.kind === 'reply' ? [] : [small(t.email.automatic)]),
  ];
  return assemble(email.locale, t.email.subject[email.kind](email.reference), body, footer);
}

export function composeTeamEmail(email: TeamEmail): ComposedEmail {
  const t = TEAM_STRINGS[email.locale];
  const [subject, fact] = (() => {
    switch (email.kind) {
      case 'commitment_due':
        return [
          t.subject.commitment_due(email.reference, email.commitment),
          t.due(email.commitment, day(email.locale, email.dueOn)),
        ];
      case 'commitment_overdue':
        return [
          t.subject.commitment_overdue(email.reference, email.commitment),
          t.overdue(email.commitment, day(email.locale, email.dueOn)),
        ];
      case 'unanswered':
        return [
          t.subject.unanswered(email.reference),
          t.unanswered(
            new Intl.DateTimeFormat(email.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
              email.waitingSince,
            ) + ' UTC',
          ),
        ];
    }
  })();
  return assemble(
    email.locale,
    subject,
    [paragraph(fact), paragraph(t.customerWrote), quote(email.excerpt), link(t.open, email.messageUrl)],
    [small(t.why)],
  );
}

export interface DigestEmail {
  locale: Locale;
  /** The week's first and last days (UTC). */
  from: string;
  to: string;
  /** The team's name, or null for a tag's digest. */
  teamName: string | null;
  tag: string | null;
  /** The dashboard's numbers (statsForPeriod) for the team or the tag: received and answered in the week, unanswered now. */
  received: number;
  answered: number;
  unansweredNow: number;
  verbatims: Array<{ reference: string; excerpt: string }>;
  unsubscribeUrl: string;
}

/** The weekly digest: the week's numbers, then customers' words, each quoted as they wrote it. */
export function composeDigestEmail(email: DigestEmail): ComposedEmail {
  const t = DIGEST_STRINGS[email.locale];
  const about = email.teamName !== null ? t.team(email.teamName) : t.tag(email.tag ?? '');
  const [from, to] = [day(email.locale, email.from), day(email.locale, email.to)];
  const body: Part[] = [
    paragraph(t.intro(about, from, to)),
    list([t.received(email.received), t.answered(email.answered), t.unansweredNow(email.unansweredNow)]),
    ...(email.tag === null ? [] : [small(t.taggedOnly(email.tag))]),
    paragraph(t.verbatimsTitle),
    ...(email.verbatims.length === 0
      ? [paragraph(t.noVerbatims)]
      : email.verbatims.flatMap((verbatim) => [small(verbatim.reference), quote(verbatim.excerpt)])),
  ];
  return assemble(email.locale, t.subject(about, from, to), body, [
    link(t.unsubscribe, email.unsubscribeUrl),
    small(t.why),
  ]);
}

/** The Customer Day reminder, in the manager's language; in English and French for one who has not chosen. */
export function composeCustomerDayReminder({
  locale,
  customerDay,
  reportUrl,
}: {
  locale: Locale | null;
  customerDay: string;
  reportUrl: string;
}) {
  if (locale) {
    const t = DIGEST_STRINGS[locale].customerDay;
    const when = day(locale, customerDay);
    return assemble(locale, t.subject(when), [paragraph(t.text(when)), link(t.open, reportUrl)], [small(t.why)]);
  }
  const [fr, en] = [DIGEST_STRINGS.fr.customerDay, DIGEST_STRINGS.en.customerDay];
  const [frDay, enDay] = [day('fr', customerDay), day('en', customerDay)];
  return assemble(
    'en',
    `${en.subject(enDay)} / ${fr.subject(frDay)}`,
    [paragraph(en.text(enDay)), link(en.open, reportUrl), paragraph(fr.text(frDay)), link(fr.open, reportUrl)],
    [small(en.why), small(fr.why)],
  );
}
