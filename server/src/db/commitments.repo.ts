// Commitments made in replies: created with their reply, resolved once, listed soonest due first.
import { and, asc, count, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { CommitmentStatus } from '@ecoute/shared/statuses';
import type { Db } from './transaction.ts';
import { commitments, messages, users, type CommitmentRow } from './schema/index.ts';

export interface NewCommitment {
  description: string;
  dueOn: string;
  ownerId: string;
}

/**
 * A commitment with what the agent views show beside it: its message's reference, its owner's name (its
 * team is the message's, kept for the dashboard alone).
 */
export type CommitmentDetailRow = Omit<CommitmentRow, 'teamId'> & {
  reference: string;
  ownerName: string | null;
  overdue: boolean;
};

const isOverdue = sql<boolean>`(${commitments.status} = 'open' and ${commitments.dueOn} < current_date)`;

const DETAIL_COLUMNS = {
  id: commitments.id,
  messageId: commitments.messageId,
  replyEventId: commitments.replyEventId,
  reference: messages.reference,
  description: commitments.description,
  dueOn: commitments.dueOn,
  ownerId: commitments.ownerId,
  ownerName: users.name,
  status: commitments.status,
  overdue: isOverdue,
  outcome: commitments.outcome,
  createdAt: commitments.createdAt,
  resolvedAt: commitments.resolvedAt,
};

function selectDetails(db: Db, where: SQL | undefined) {
  return db
    .select(DETAIL_COLUMNS)
    .from(commitments)
    .innerJoin(messages, eq(messages.id, commitments.messageId))
    .leftJoin(users, eq(users.id, commitments.ownerId))
    .where(where);
}

export async function createCommitments(
  db: Db,
  messageId: string,
  replyEventId: string,
  promised: NewCommitment[],
): Promise<string[]> {
  if (promised.length === 0) return [];
  const created = await db
    .insert(commitments)
    .values(
      promised.map((commitment, index) => ({
        messageId,
        replyEventId,
        // One microsecond apart, so that listing by creation keeps the order the agent wrote.
        createdAt: sql`now() + ${index} * interval '1 microsecond'`,
        ...commitment,
      })),
    )
    .returning({ id: commitments.id });
  return created.map((row) => row.id);
}

export async function countOpenCommitments(db: Db, messageId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(commitments)
    .where(and(eq(commitments.messageId, messageId), eq(commitments.status, 'open')));
  return row?.n ?? 0;
}

/** The message a commitment belongs to: read first, so that the message can be locked before it. */
export async function findCommitmentMessageId(db: Db, id: string): Promise<string | undefined> {
  const [row] = await db.select({ messageId: commitments.messageId }).from(commitments).where(eq(commitments.id, id));
  return row?.messageId;
}

/** Locks the commitment until the end of the transaction. */
export async function lockCommitment(db: Db, id: string): Promise<CommitmentRow | undefined> {
  const [row] = await db.select().from(commitments).where(eq(commitments.id, id)).for('update');
  return row;
}

/** Keeps what became of the commitment: kept (fulfilled) or dropped, with the words the customer reads. */
export async function recordCommitmentOutcome(
  db: Db,
  id: string,
  status: Exclude<CommitmentStatus, 'open'>,
  outcome: string,
): Promise<void> {
  await db
    .update(commitments)
    .set({ status, outcome, resolvedAt: sql`now()` })
    .where(eq(commitments.id, id));
}

export async function findCommitment(db: Db, id: string): Promise<CommitmentDetailRow | undefined> {
  const [row] = await selectDetails(db, eq(commitments.id, id));
  return row;
}

export type CommitmentFilter =
  { messageId: string } | { replyEventId: string } | { status: 'open' | 'overdue'; ownerId?: string | undefined };

/** A message's or a reply's commitments in the order they were made; open ones soonest due first. */
export async function findCommitments(db: Db, filter: CommitmentFilter): Promise<CommitmentDetailRow[]> {
  if ('messageId' in filter) {
    return selectDetails(db, eq(commitments.messageId, filter.messageId)).orderBy(
      asc(commitments.createdAt),
      asc(commitments.id),
    );
  }
  if ('replyEventId' in filter) {
    return selectDetails(db, eq(commitments.replyEventId, filter.replyEventId)).orderBy(
      asc(commitments.createdAt),
      asc(commitments.id),
    );
  }
  return selectDetails(
    db,
    and(
      eq(commitments.status, 'open'),
      filter.status === 'overdue' ? lt(commitments.dueOn, sql`current_date`) : undefined,
      filter.ownerId ? eq(commitments.ownerId, filter.ownerId) : undefined,
    ),
  )
    .orderBy(asc(commitments.dueOn), asc(commitments.id))
    .limit(500);
}
