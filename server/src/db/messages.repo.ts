// Messages and their timelines: plain functions over the database, each a single round of SQL.
import { and, asc, eq, sql } from 'drizzle-orm';
import { TransactionRollbackError } from 'drizzle-orm/errors';
import { newReference } from '../messages/reference.ts';
import type { Database } from './client.ts';
import { forms, idempotencyKeys, messages, timelineEvents, type Message, type TimelineEventRow } from './schema/index.ts';

export type NewMessage = Omit<typeof messages.$inferInsert, 'id' | 'reference' | 'createdAt' | 'updatedAt'>;

export interface IdempotencyRecord {
  keyHash: string;
  fingerprint: string;
  sealedTrackingToken: string;
}

export interface StoredMessage {
  message: Message;
  acknowledgedAt: Date;
}

/**
 * Stores a message and its acknowledgement in one transaction. With an idempotency record, the
 * unique (form, key) makes concurrent retries wait for the first and return `duplicate`.
 */
export async function createMessage(
  db: Database,
  input: NewMessage,
  idempotency?: IdempotencyRecord,
): Promise<StoredMessage | 'duplicate'> {
  try {
    return await db.transaction(async (tx) => {
      const message = await insertWithFreshReference(tx, input);
      const [ack] = await tx
        .insert(timelineEvents)
        .values({ messageId: message.id, type: 'acknowledged', visibility: 'public', data: {} })
        .returning({ at: timelineEvents.createdAt });
      if (idempotency) {
        const claimed = await tx
          .insert(idempotencyKeys)
          .values({ formId: input.formId, messageId: message.id, ...idempotency })
          .onConflictDoNothing()
          .returning({ messageId: idempotencyKeys.messageId });
        if (claimed.length === 0) tx.rollback();
      }
      return { message, acknowledgedAt: ack!.at };
    });
  } catch (error) {
    if (error instanceof TransactionRollbackError) return 'duplicate';
    throw error;
  }
}

async function insertWithFreshReference(tx: Pick<Database, 'insert'>, input: NewMessage): Promise<Message> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const [message] = await tx
      .insert(messages)
      .values({ ...input, reference: newReference() })
      .onConflictDoNothing({ target: messages.reference })
      .returning();
    if (message) return message;
  }
  throw new Error('Could not find a free message reference');
}

export async function findIdempotentSubmission(
  db: Database,
  formId: string,
  keyHash: string,
): Promise<(StoredMessage & { fingerprint: string; sealedTrackingToken: string }) | undefined> {
  const [row] = await db
    .select({
      message: messages,
      fingerprint: idempotencyKeys.fingerprint,
      sealedTrackingToken: idempotencyKeys.sealedTrackingToken,
      acknowledgedAt: timelineEvents.createdAt,
    })
    .from(idempotencyKeys)
    .innerJoin(messages, eq(messages.id, idempotencyKeys.messageId))
    .innerJoin(
      timelineEvents,
      and(eq(timelineEvents.messageId, messages.id), eq(timelineEvents.type, 'acknowledged')),
    )
    .where(and(eq(idempotencyKeys.formId, formId), eq(idempotencyKeys.keyHash, keyHash)))
    .limit(1);
  return row;
}

export async function findMessageByTrackingHash(
  db: Database,
  trackingTokenHash: string,
): Promise<{ message: Message; formName: string } | undefined> {
  const [row] = await db
    .select({ message: messages, formName: forms.name })
    .from(messages)
    .innerJoin(forms, eq(forms.id, messages.formId))
    .where(eq(messages.trackingTokenHash, trackingTokenHash))
    .limit(1);
  return row;
}

export async function publicTimeline(db: Database, messageId: string): Promise<TimelineEventRow[]> {
  return db
    .select()
    .from(timelineEvents)
    .where(and(eq(timelineEvents.messageId, messageId), eq(timelineEvents.visibility, 'public')))
    .orderBy(asc(timelineEvents.createdAt), asc(timelineEvents.id));
}

/** The customer writes again: the words join the timeline and the message waits for an answer. */
export async function addCustomerMessage(db: Database, messageId: string, body: string): Promise<TimelineEventRow> {
  return db.transaction(async (tx) => {
    const [event] = await tx
      .insert(timelineEvents)
      .values({ messageId, type: 'customer_message', visibility: 'public', body })
      .returning();
    await tx
      .update(messages)
      .set({
        status: sql`case when ${messages.status} = 'spam' then 'spam' else 'unanswered' end`,
        updatedAt: sql`now()`,
      })
      .where(eq(messages.id, messageId));
    return event!;
  });
}
