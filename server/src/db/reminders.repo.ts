// What the team is reminded of: commitments due tomorrow or overdue, messages left unanswered, and
// who hears of them (the commitment's owner, the managers).
import { and, eq, gte, inArray, lt, or } from 'drizzle-orm';
import type { Locale } from '@ecoute/shared/locale';
import type { Db } from './transaction.ts';
import { commitments, messages, users } from './schema/index.ts';

export interface CommitmentToRemind {
  id: string;
  messageId: string;
  locale: Locale;
  dueOn: string;
  ownerId: string | null;
  state: 'due' | 'overdue';
}

/** How many of each are looked at per check: the rest wait for the next one. */
const BATCH = 500;

/** Open commitments due on `tomorrow`, or before `today` (dates `YYYY-MM-DD`). */
export async function findCommitmentsToRemind(db: Db, today: string, tomorrow: string): Promise<CommitmentToRemind[]> {
  const rows = await db
    .select({
      id: commitments.id,
      messageId: commitments.messageId,
      locale: messages.locale,
      dueOn: commitments.dueOn,
      ownerId: commitments.ownerId,
    })
    .from(commitments)
    .innerJoin(messages, eq(messages.id, commitments.messageId))
    .where(and(eq(commitments.status, 'open'), or(eq(commitments.dueOn, tomorrow), lt(commitments.dueOn, today))))
    .orderBy(commitments.dueOn, commitments.id)
    .limit(BATCH);
  return rows.map((row) => ({ ...row, state: row.dueOn < today ? 'overdue' : 'due' }));
}

/** Messages whose customer started waiting between `from` and `until`, still without an answer. */
export async function findUnansweredToRemind(
  db: Db,
  from: Date,
  until: Date,
): Promise<Array<{ id: string; locale: Locale; waitingSince: Date }>> {
  return db
    .select({ id: messages.id, locale: messages.locale, waitingSince: messages.waitingSince })
    .from(messages)
    .where(and(eq(messages.status, 'unanswered'), gte(messages.waitingSince, from), lt(messages.waitingSince, until)))
    .orderBy(messages.waitingSince, messages.id)
    .limit(BATCH);
}

export interface Recipient {
  id: string;
  email: string;
}

/** The active managers and admins: they hear of every broken promise and every wait too long. */
/** Managers and admins, with the language each chose (null: not chosen yet). */
export async function findManagers(db: Db): Promise<Array<Recipient & { locale: Locale | null }>> {
  return db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ['manager', 'admin'])))
    .orderBy(users.id);
}

export async function findActiveRecipients(db: Db, ids: string[]): Promise<Recipient[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.id, ids)));
}
