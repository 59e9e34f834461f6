// What agents (and customers writing again) do to a message. Each action is one transaction that
// locks the message, asks the lifecycle state machine (shared/src/lifecycle.ts) for the next status,
// and records itself on the timeline with who did it: the timeline is the audit trail.
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { ReplyInput } from '@ecoute/shared/agent-contract';
import { AGENT_LIMITS, normalizeTag, TAG_PATTERN } from '@ecoute/shared/agent-values';
import type { MessageStatus } from '@ecoute/shared/contract';
import { transition, type LifecycleEvent } from '@ecoute/shared/lifecycle';
import type { Database } from '../db/client.ts';
import { commitments, messages, timelineEvents, users, type TimelineEventRow } from '../db/schema/index.ts';
import { HttpError } from '../plugins/app/errors.ts';
import { hashIdempotencyKey, sha256 } from '../security/secrets.ts';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface Actor {
  id: string;
  name: string;
}

async function lockMessage(tx: Transaction, messageId: string) {
  const [message] = await tx
    .select({ id: messages.id, status: messages.status, tags: messages.tags, assigneeId: messages.assigneeId })
    .from(messages)
    .where(eq(messages.id, messageId))
    .for('update');
  if (!message) throw new HttpError(404, 'not_found', 'There is no such message.');
  return message;
}

function nextStatus(status: MessageStatus, event: LifecycleEvent): MessageStatus {
  const result = transition(status, event);
  if (!result.ok) throw new HttpError(409, 'invalid_transition', result.reason);
  return result.status;
}

async function openCommitmentCount(tx: Transaction, messageId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(commitments)
    .where(and(eq(commitments.messageId, messageId), eq(commitments.status, 'open')));
  return row?.n ?? 0;
}

/** The earliest due date among open commitments, kept on the message for the inbox views. */
const nextDueOn = (messageId: string) =>
  sql`(select min(due_on) from commitments where message_id = ${messageId} and status = 'open')`;

async function record(
  tx: Transaction,
  event: Pick<TimelineEventRow, 'messageId' | 'type' | 'visibility'> & Partial<TimelineEventRow>,
): Promise<TimelineEventRow> {
  const [row] = await tx.insert(timelineEvents).values(event).returning();
  return row!;
}

async function ensureActiveUsers(tx: Transaction, ids: string[], field: string): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(inArray(users.id, unique), eq(users.active, true)));
  if (row?.n !== unique.length) throw new HttpError(400, 'unknown_user', `${field}: no active user has this id.`);
}

const DAY_MS = 86_400_000;

/**
 * A promise to a customer is due today or later (from yesterday, for an agent whose day has not
 * ended yet somewhere west of the server) and within five years (AGENT_LIMITS.dueWithinDays): a
 * date in the past is a promise already broken, and one in 9999 is no promise at all.
 */
function ensureDueDates(promised: NonNullable<ReplyInput['commitments']>, now = new Date()): void {
  const earliest = new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
  const latest = new Date(now.getTime() + AGENT_LIMITS.dueWithinDays * DAY_MS).toISOString().slice(0, 10);
  promised.forEach(({ dueOn }, index) => {
    if (dueOn < earliest || dueOn > latest) {
      throw new HttpError(
        400,
        'invalid_due_date',
        `commitments.${index}.dueOn: a commitment is due from today, wherever the agent is, to five years ahead (${earliest} to ${latest}).`,
      );
    }
  });
}

/**
 * Replies (with their commitments). Sent again with the same Idempotency-Key (a lost answer, a
 * second click), the reply is not made twice: the first one is answered again, `replayed`. The
 * message's lock serialises the two attempts.
 */
export async function replyToMessage(
  db: Database,
  messageId: string,
  actor: Actor,
  input: ReplyInput,
  idempotencyKey?: string,
) {
  const promised = input.commitments ?? [];
  ensureDueDates(promised);
  const keyHash = idempotencyKey === undefined ? null : hashIdempotencyKey(idempotencyKey);
  const fingerprint = keyHash === null ? null : sha256(JSON.stringify([actor.id, input.body, promised]));
  return db.transaction(async (tx) => {
    const message = await lockMessage(tx, messageId);
    if (keyHash !== null) {
      const [earlier] = await tx
        .select()
        .from(timelineEvents)
        .where(and(eq(timelineEvents.messageId, messageId), eq(timelineEvents.idempotencyKeyHash, keyHash)));
      if (earlier) {
        if (earlier.requestFingerprint !== fingerprint) {
          throw new HttpError(422, 'idempotency_mismatch', 'This Idempotency-Key was used for another reply.');
        }
        const made = await tx
          .select({ id: commitments.id })
          .from(commitments)
          .where(eq(commitments.replyEventId, earlier.id));
        return { event: earlier, commitmentIds: made.map((row) => row.id), status: message.status, replayed: true };
      }
    }
    const openAfter = (await openCommitmentCount(tx, messageId)) + promised.length;
    const status = nextStatus(message.status, { type: 'reply', openCommitments: openAfter });
    await ensureActiveUsers(
      tx,
      promised.flatMap((commitment) => (commitment.ownerId ? [commitment.ownerId] : [])),
      'commitments.ownerId',
    );
    const event = await record(tx, {
      messageId,
      type: 'reply',
      visibility: 'public',
      actorId: actor.id,
      body: input.body,
      idempotencyKeyHash: keyHash,
      requestFingerprint: fingerprint,
    });
    const created =
      promised.length === 0
        ? []
        : await tx
            .insert(commitments)
            .values(
              promised.map((commitment, index) => ({
                messageId,
                // One microsecond apart, so that listing by creation keeps the order the agent wrote.
                createdAt: sql`now() + ${index} * interval '1 microsecond'`,
                replyEventId: event.id,
                description: commitment.description.trim(),
                dueOn: commitment.dueOn,
                ownerId: commitment.ownerId ?? actor.id,
              })),
            )
            .returning({ id: commitments.id });
    await tx
      .update(messages)
      .set({
        status,
        nextDueOn: nextDueOn(messageId),
        // Whoever answers an unassigned message takes it.
        assigneeId: message.assigneeId ?? actor.id,
        updatedAt: sql`now()`,
      })
      .where(eq(messages.id, messageId));
    return { event, commitmentIds: created.map((row) => row.id), status, replayed: false };
  });
}

export async function resolveCommitment(
  db: Database,
  commitmentId: string,
  actor: Actor,
  resolution: { kind: 'fulfilled' | 'dropped'; text: string },
) {
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ messageId: commitments.messageId })
      .from(commitments)
      .where(eq(commitments.id, commitmentId));
    if (!target) throw new HttpError(404, 'not_found', 'There is no such commitment.');
    // Message first, then commitment: the same lock order as replies, so the two never deadlock.
    const message = await lockMessage(tx, target.messageId);
    const [commitment] = await tx.select().from(commitments).where(eq(commitments.id, commitmentId)).for('update');
    if (commitment!.status !== 'open') {
      throw new HttpError(409, 'invalid_transition', `This commitment is already ${commitment!.status}.`);
    }
    const status = nextStatus(message.status, {
      type: 'commitment_resolved',
      openCommitments: (await openCommitmentCount(tx, message.id)) - 1,
    });
    await tx
      .update(commitments)
      .set({ status: resolution.kind, outcome: resolution.text, resolvedAt: sql`now()` })
      .where(eq(commitments.id, commitmentId));
    const event = await record(tx, {
      messageId: message.id,
      type: resolution.kind === 'fulfilled' ? 'commitment_fulfilled' : 'commitment_dropped',
      visibility: 'public',
      actorId: actor.id,
      body: resolution.text,
      data: { commitmentId, description: commitment!.description },
    });
    await tx
      .update(messages)
      .set({ status, nextDueOn: nextDueOn(message.id), updatedAt: sql`now()` })
      .where(eq(messages.id, message.id));
    return { event, status };
  });
}

export async function addNote(db: Database, messageId: string, actor: Actor, body: string) {
  return db.transaction(async (tx) => {
    await lockMessage(tx, messageId);
    return record(tx, { messageId, type: 'note', visibility: 'internal', actorId: actor.id, body });
  });
}

const TAG = new RegExp(TAG_PATTERN, 'u');

export async function setTags(db: Database, messageId: string, actor: Actor, wanted: string[]) {
  const tags = [...new Set(wanted.map(normalizeTag))];
  // Lower case can make a valid tag invalid (a letter that lowers to two characters): checked again.
  tags.forEach((tag, index) => {
    if (!TAG.test(tag) || tag.length > AGENT_LIMITS.tag) {
      throw new HttpError(400, 'invalid_tag', `tags.${index}: "${tag}" is not a tag once in lower case.`);
    }
  });
  return db.transaction(async (tx) => {
    const message = await lockMessage(tx, messageId);
    const added = tags.filter((tag) => !message.tags.includes(tag));
    const removed = message.tags.filter((tag) => !tags.includes(tag));
    for (const [type, list] of [
      ['tagged', added],
      ['untagged', removed],
    ] as const) {
      for (const tag of list) {
        await record(tx, { messageId, type, visibility: 'internal', actorId: actor.id, data: { tag } });
      }
    }
    if (added.length || removed.length) {
      await tx
        .update(messages)
        .set({ tags, updatedAt: sql`now()` })
        .where(eq(messages.id, messageId));
    }
    return tags;
  });
}

export async function assignMessage(db: Database, messageId: string, actor: Actor, assigneeId: string | null) {
  return db.transaction(async (tx) => {
    const message = await lockMessage(tx, messageId);
    let assigneeName: string | null = null;
    if (assigneeId) {
      await ensureActiveUsers(tx, [assigneeId], 'assigneeId');
      const [assignee] = await tx.select({ name: users.name }).from(users).where(eq(users.id, assigneeId));
      assigneeName = assignee!.name;
    }
    if (message.assigneeId !== assigneeId) {
      await tx
        .update(messages)
        .set({ assigneeId, updatedAt: sql`now()` })
        .where(eq(messages.id, messageId));
      await record(tx, {
        messageId,
        type: 'assigned',
        visibility: 'internal',
        actorId: actor.id,
        data: { assigneeId, assigneeName },
      });
    }
  });
}

export async function changeSpam(db: Database, messageId: string, actor: Actor, spam: boolean) {
  return db.transaction(async (tx) => {
    const message = await lockMessage(tx, messageId);
    const [reply] = await tx
      .select({ id: timelineEvents.id })
      .from(timelineEvents)
      .where(and(eq(timelineEvents.messageId, messageId), eq(timelineEvents.type, 'reply')))
      .limit(1);
    const status = nextStatus(
      message.status,
      spam ? { type: 'mark_spam', answered: reply !== undefined } : { type: 'unmark_spam' },
    );
    await tx
      .update(messages)
      .set({ status, updatedAt: sql`now()` })
      .where(eq(messages.id, messageId));
    await record(tx, {
      messageId,
      type: spam ? 'marked_spam' : 'unmarked_spam',
      visibility: 'internal',
      actorId: actor.id,
    });
    return status;
  });
}

/** The customer writes again: their words join the timeline and the message waits for an answer. */
export async function addCustomerMessage(db: Database, messageId: string, body: string): Promise<TimelineEventRow> {
  return db.transaction(async (tx) => {
    const message = await lockMessage(tx, messageId);
    const status = nextStatus(message.status, { type: 'customer_wrote' });
    const event = await record(tx, { messageId, type: 'customer_message', visibility: 'public', body });
    await tx
      .update(messages)
      .set({
        status,
        // Already waiting: they have waited since their earlier words, not since these.
        ...(message.status === 'unanswered' || status !== 'unanswered' ? {} : { waitingSince: event.createdAt }),
        followUps: sql`${messages.followUps} || ${body} || E'\n'`,
        updatedAt: sql`now()`,
      })
      .where(eq(messages.id, messageId));
    return event;
  });
}
