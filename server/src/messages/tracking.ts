// What a customer sees behind their tracking link: their words and the public timeline.
import { acknowledgementText } from '@ecoute/shared/acknowledgement';
import type { Tracking } from '@ecoute/shared/contract';
import type { Database } from '../db/client.ts';
import { findMessageByTrackingHash, publicTimeline } from '../db/messages.repo.ts';
import type { Message, TimelineEventRow } from '../db/schema/index.ts';
import { hashTrackingToken } from './secrets.ts';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export async function findTracked(db: Database, token: string) {
  if (!TOKEN.test(token)) return undefined;
  return findMessageByTrackingHash(db, hashTrackingToken(token));
}

export async function trackingView(db: Database, token: string): Promise<Tracking | undefined> {
  const found = await findTracked(db, token);
  if (!found) return undefined;
  const { message, formName } = found;
  const events = await publicTimeline(db, message.id);
  return {
    reference: message.reference,
    // Quarantine is ours to know: the customer sees their message waiting like any other.
    status: message.status === 'spam' ? 'unanswered' : message.status,
    locale: message.locale,
    formName,
    message: { body: message.body, name: message.customerName, at: message.createdAt.toISOString() },
    timeline: events.map((event) => timelineEntry(message, event)),
  };
}

export function timelineEntry(message: Message, event: TimelineEventRow): Tracking['timeline'][number] {
  const at = event.createdAt.toISOString();
  if (event.type === 'acknowledged') {
    const text = acknowledgementText({
      locale: message.locale,
      reference: message.reference,
      name: message.customerName,
    });
    return { id: event.id, type: event.type, author: 'system', text, at };
  }
  return { id: event.id, type: event.type, author: 'customer', text: event.body ?? '', at };
}
