// What a customer sees behind their tracking link: their words and the public timeline, with the
// team's replies, what they committed to, and what became of it. Internal events never reach it.
import { acknowledgementText } from '@ecoute/shared/acknowledgement';
import type { Tracking, TrackingEvent } from '@ecoute/shared/contract';
import { findCommitments, type CommitmentDetailRow } from '../db/commitments.repo.ts';
import { findMessageByTrackingHash } from '../db/messages.repo.ts';
import type { Message } from '../db/schema/index.ts';
import { findTimeline, type TimelineEntryRow } from '../db/timeline.repo.ts';
import type { Db } from '../db/transaction.ts';
import { hashTrackingToken } from '../security/secrets.ts';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export async function findTracked(db: Db, token: string) {
  if (!TOKEN.test(token)) return undefined;
  return findMessageByTrackingHash(db, hashTrackingToken(token));
}

export async function trackingView(db: Db, token: string): Promise<Tracking | undefined> {
  const found = await findTracked(db, token);
  if (!found) return undefined;
  const { message, formName } = found;
  const [events, commitments] = await Promise.all([
    findTimeline(db, message.id, 'public'),
    findCommitments(db, { messageId: message.id }),
  ]);
  return {
    reference: message.reference,
    // Quarantine is ours to know: the customer sees their message waiting like any other.
    status: message.status === 'spam' ? 'unanswered' : message.status,
    locale: message.locale,
    formName,
    message: { body: message.body, name: message.customerName, at: message.createdAt.toISOString() },
    timeline: events.flatMap((event) => toTrackingEvent(message, event, commitments) ?? []),
    emails: message.customerEmail ? message.customerEmailState : null,
  };
}

/** The event as the customer reads it; undefined for what stays between colleagues. */
export function toTrackingEvent(
  message: Pick<Message, 'locale' | 'reference' | 'customerName'>,
  event: TimelineEntryRow,
  commitments: CommitmentDetailRow[] = [],
): TrackingEvent | undefined {
  const at = event.createdAt.toISOString();
  const team = { author: 'team' as const, ...(event.actorName ? { authorName: event.actorName } : {}) };
  switch (event.type) {
    case 'acknowledged': {
      const text = acknowledgementText({
        locale: message.locale,
        reference: message.reference,
        name: message.customerName,
        formText: event.body,
      });
      return { id: event.id, type: 'acknowledged', author: 'system', text, at };
    }
    case 'customer_message':
      return { id: event.id, type: 'customer_message', author: 'customer', text: event.body, at };
    case 'reply':
      return {
        id: event.id,
        type: 'reply',
        ...team,
        text: event.body,
        commitments: commitments
          .filter((commitment) => commitment.replyEventId === event.id)
          .map(({ description, dueOn, status }) => ({ description, dueOn, status })),
        at,
      };
    case 'commitment_fulfilled':
    case 'commitment_dropped':
      return { id: event.id, type: event.type, ...team, text: event.body, commitment: event.data.description, at };
    case 'note':
    case 'tagged':
    case 'untagged':
    case 'marked_spam':
    case 'unmarked_spam':
    case 'assigned':
    case 'moved':
    case 'routed':
    case 'email_bounced':
    case 'mail_attached':
    case 'email':
    case 'customer_emails':
    case 'customer_day_pinned':
    case 'customer_day_unpinned':
      return undefined;
  }
}
