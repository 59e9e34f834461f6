// Presence rows: a heartbeat stores (or renews) one agent on one message until it expires; reads see
// only rows not yet expired, of active users, and never the reader's own.
import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { PresenceState } from '@ecoute/shared/agent-values';
import type { Db } from './transaction.ts';
import { messages, presence, users } from './schema/index.ts';

export interface PresenceRow {
  messageId: string;
  userId: string;
  userName: string;
  state: PresenceState;
}

/** What the agent's row on the message says now (expired or not), if there is one. */
export async function findOwnPresenceState(
  db: Db,
  messageId: string,
  userId: string,
): Promise<PresenceState | undefined> {
  const [row] = await db
    .select({ state: presence.state })
    .from(presence)
    .where(and(eq(presence.messageId, messageId), eq(presence.userId, userId)));
  return row?.state;
}

/**
 * The agent is on the message until `ttlMs` from now (the database's clock, the same for every
 * process): whether the row is new (none, or the sweep deleted it meanwhile); undefined when there is
 * no such message.
 */
export async function upsertPresence(
  db: Db,
  input: { messageId: string; userId: string; state: PresenceState; ttlMs: number },
): Promise<{ inserted: boolean } | undefined> {
  const expiresAt = sql`now() + ${input.ttlMs} * interval '1 millisecond'`;
  const rows = await db
    .insert(presence)
    .select(
      db
        .select({
          messageId: messages.id,
          userId: sql`${input.userId}::uuid`.as('user_id'),
          state: sql`${input.state}`.as('state'),
          expiresAt: expiresAt.as('expires_at'),
        })
        .from(messages)
        .where(eq(messages.id, input.messageId)),
    )
    .onConflictDoUpdate({
      target: [presence.messageId, presence.userId],
      set: { state: sql`excluded.state`, expiresAt: sql`excluded.expires_at` },
    })
    // xmax is 0 on a row this statement inserted, the transaction's id on one it updated.
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  return rows[0];
}

/** False when the agent was not on the message. */
export async function deletePresence(db: Db, messageId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(presence)
    .where(and(eq(presence.messageId, messageId), eq(presence.userId, userId)))
    .returning({ messageId: presence.messageId });
  return rows.length > 0;
}

/**
 * Deletes the rows whose heartbeats stopped, and those of users deactivated since: the messages whose
 * presence changed, each once (a row deleted by another process meanwhile is that one's to tell).
 */
export async function deleteExpiredPresence(db: Db): Promise<string[]> {
  const rows = await db
    .delete(presence)
    .where(
      sql`${presence.expiresAt} <= now()
          or ${presence.userId} in (select ${users.id} from ${users} where not ${users.active})`,
    )
    .returning({ messageId: presence.messageId });
  return [...new Set(rows.map((row) => row.messageId))];
}

/** Who is on one message (or on any, without `messageId`) now, except `exceptUserId`. */
export async function findPresence(
  db: Db,
  { messageId, exceptUserId }: { messageId?: string; exceptUserId?: string },
): Promise<PresenceRow[]> {
  return db
    .select({ messageId: presence.messageId, userId: presence.userId, userName: users.name, state: presence.state })
    .from(presence)
    .innerJoin(users, eq(users.id, presence.userId))
    .where(
      and(
        messageId === undefined ? undefined : eq(presence.messageId, messageId),
        exceptUserId === undefined ? undefined : ne(presence.userId, exceptUserId),
        gt(presence.expiresAt, sql`now()`),
        // A user deactivated meanwhile is gone at once, not at the end of their last heartbeat.
        eq(users.active, true),
      ),
    )
    .orderBy(asc(users.name), asc(presence.userId));
}
