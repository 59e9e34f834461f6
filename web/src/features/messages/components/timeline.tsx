// The conversation and what happened around it, oldest first. What the customer can see (their
// words, replies, kept promises) reads differently from what stays between colleagues.
import { useTranslation } from 'react-i18next';
import type { AgentTimelineEvent, TimelineType } from '@ecoute/shared/agent-contract';
import { EmptyState } from '../../../components/ui/states.tsx';
import { TimeAgo } from '../../../components/ui/time-ago.tsx';
import { API_BASE } from '../../../lib/api-client.ts';
import { routingReasonsText } from '../../../lib/routing-reasons.ts';

/**
 * How each type reads: words worth showing as a block, or a one-line fact. Every type is listed (a
 * new one fails the typecheck until it is placed here).
 */
const SHOWN_AS: Record<TimelineType, 'words' | 'fact'> = {
  acknowledged: 'words',
  customer_message: 'words',
  reply: 'words',
  note: 'words',
  commitment_fulfilled: 'words',
  commitment_dropped: 'words',
  tagged: 'fact',
  untagged: 'fact',
  marked_spam: 'fact',
  unmarked_spam: 'fact',
  assigned: 'fact',
  moved: 'fact',
  routed: 'fact',
  email_bounced: 'words',
  mail_attached: 'fact',
  email: 'fact',
  customer_emails: 'fact',
  customer_day_pinned: 'words',
  customer_day_unpinned: 'fact',
};

/** A mail's attachments (listed, never kept) and its original, downloaded as plain text. */
function InboundMailLinks({ mail }: { mail: NonNullable<AgentTimelineEvent['inboundMail']> }) {
  const { t } = useTranslation();
  const names = mail.attachments.map((attachment) => attachment.name ?? attachment.type).join(', ');
  return (
    <div className="event__mail">
      {names ? <p className="event__attachments muted">{t('timeline.attachments', { names })}</p> : null}
      <a className="event__original" href={`${API_BASE}/inbound-mails/${encodeURIComponent(mail.id)}/raw`} download>
        {t('timeline.openOriginal')}
      </a>
    </div>
  );
}

function EventItem({ event, customerName }: { event: AgentTimelineEvent; customerName: string | null }) {
  const { t } = useTranslation();
  // The customer wrote, or chose about emails (their link, their tracking page).
  const byCustomer = event.type === 'customer_message' || event.type === 'customer_emails';
  const author = event.actor?.name ?? (byCustomer ? (customerName ?? t('message.anonymous')) : t('timeline.system'));
  const internal = event.visibility === 'internal';
  const from = byCustomer ? 'customer' : event.actor ? 'team' : 'system';
  const what = event.email
    ? t(`timeline.email.${event.email.state}`, {
        kind: t(`timeline.emailKinds.${event.email.kind}`),
        recipient: event.detail ?? '',
      })
    : event.type === 'assigned' && event.from
      ? t(event.detail ? 'timeline.types.assignedFrom' : 'timeline.types.unassignedFrom', {
          detail: event.detail ?? '',
          from: event.from,
        })
      : event.type === 'assigned' && !event.detail
        ? t('timeline.types.unassigned')
        : event.type === 'moved'
          ? t('timeline.types.moved', { from: event.from ?? '', detail: event.detail ?? '' })
          : event.type === 'routed' && event.routing
            ? t('timeline.types.routed', {
                rules: event.routing
                  .map((rule) =>
                    t('timeline.types.routedRule', { name: rule.ruleName, why: routingReasonsText(t, rule.reasons) }),
                  )
                  .join(t('timeline.types.routedRuleSeparator')),
              })
            : event.type === 'customer_emails'
              ? t(event.detail === 'off' ? 'timeline.types.customer_emails_off' : 'timeline.types.customer_emails_on')
              : t(`timeline.types.${event.type}`, { detail: event.detail ?? '' });
  const classes = [
    'event',
    `event--${event.type}`,
    `event--from-${from}`,
    internal ? 'event--internal' : 'event--public',
  ];
  if (SHOWN_AS[event.type] === 'fact') classes.push('event--fact');
  return (
    <li className={classes.join(' ')}>
      <div className="event__head">
        <span className="event__author">{author}</span>
        <span className="event__what">
          {what}
          {event.type === 'customer_message' && event.inboundMail ? ` (${t('timeline.byEmail')})` : null}
        </span>
        <span className={internal ? 'visibility visibility--internal' : 'visibility visibility--public'}>
          {internal ? t('timeline.internal') : t('timeline.public')}
        </span>
        <span className="event__when">
          <TimeAgo at={event.at} />
        </span>
      </div>
      {event.text ? <div className="event__text words">{event.text}</div> : null}
      {event.inboundMail ? <InboundMailLinks mail={event.inboundMail} /> : null}
    </li>
  );
}

export function Timeline({ events, customerName }: { events: AgentTimelineEvent[]; customerName: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="section-title">
        {t('timeline.title')}
      </h2>
      {events.length === 0 ? (
        <EmptyState title={t('timeline.empty')} />
      ) : (
        <ol className="timeline__list">
          {events.map((event) => (
            <EventItem key={event.id} event={event} customerName={customerName} />
          ))}
        </ol>
      )}
    </section>
  );
}
