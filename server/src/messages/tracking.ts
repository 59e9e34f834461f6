// What a customer sees behind their tracking link: their words and the public timeline, with the
// team's replies, what they committed to, and what became of it.
import { acknowledgementText } from '@ecoute/shared/acknowledgement';
import type { Tracking } from '@ecoute/shared/contract';
import type { Database } from '../db/client.ts';
import { findCommitments, findTimeline, type CommitmentRow, type EventRow } from '../db/inbox.repo.ts';
import { findMessageByTrackingHash } from '../db/messages.repo.ts';
import type { Message } from '../db/schema/index.ts';
import { hashTrackingToken } from '../security/secrets.ts';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export async function findTracked(db: Database, token: string) {
  if (!TOKEN.test(token)) return undefined;
  return findMessageByTrackingHash(db, hashTrackingToken(token));
}

export async function trackingView(db: Database, token: string): Promise<Tracking | undefined> {
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
    timeline: events.map((event) => timelineEntry(message, event, commitments)),
  };
}

export function timelineEntry(
  message: Message,
  event: EventRow,
  commitments: CommitmentRow[] = [],
): Tracking['timeline'][number] {
  const at = event.createdAt.toISOString();
  const text = event.body ?? '';
  switch (event.type) {
    case 'acknowledged': {
      const ack = acknowledgementText({
        locale: message.locale,
        reference: message.reference,
        name: message.customerName,
      });
      return { id: event.id, type: 'acknowledged', author: 'system', text: ack, at };
    }
    case 'reply':
      return {
        id: event.id,
        type: 'reply',
        author: 'team',
        ...(event.actorName ? { authorName: event.actorName } : {}),
        text,
        commitments: commitments
          .filter((commitment) => commitment.reply_event_id === event.id)
          .map(({ description, due_on, status }) => ({ description, dueOn: due_on, status })),
        at,
      };
    case 'commitment_fulfilled':
    case 'commitment_dropped':
      return {
        id: event.id,
        type: event.type,
        author: 'team',
        ...(event.actorName ? { authorName: event.actorName } : {}),
        text,
        commitment: String(event.data.description ?? ''),
        at,
      };
    default:
      return { id: event.id, type: 'customer_message', author: 'customer', text, at };
  }
}
