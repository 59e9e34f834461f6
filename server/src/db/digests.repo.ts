// The weekly digest's subscribers, and the customers' words a digest quotes.
import { and, asc, desc, eq, gte, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from './transaction.ts';
import { digestSubscribers, messages, teams, type DigestSubscriberRow } from './schema/index.ts';

export type DigestSubscriberListRow = DigestSubscriberRow & { teamName: string | null };

/** The subscribers still subscribed, oldest first, with their team's name. */
export async function listDigestSubscribers(db: Db): Promise<DigestSubscriberListRow[]> {
  const rows = await db
    .select({ subscriber: digestSubscribers, teamName: teams.name })
    .from(digestSubscribers)
    .leftJoin(teams, eq(teams.id, digestSubscribers.teamId))
    .where(isNull(digestSubscribers.unsubscribedAt))
    .orderBy(asc(digestSubscribers.createdAt), asc(digestSubscribers.id));
  return rows.map((row) => ({ ...row.subscriber, teamName: row.teamName }));
}

export type NewDigestSubscriber = Pick<
  DigestSubscriberRow,
  'id' | 'email' | 'locale' | 'teamId' | 'tag' | 'unsubscribeTokenHash' | 'createdBy'
>;

export async function insertDigestSubscriber(db: Db, subscriber: NewDigestSubscriber): Promise<DigestSubscriberRow> {
  const [row] = await db.insert(digestSubscribers).values(subscriber).returning();
  return row!;
}

/** False when there was no such subscriber. */
export async function deleteDigestSubscriber(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .delete(digestSubscribers)
    .where(eq(digestSubscribers.id, id))
    .returning({ id: digestSubscribers.id });
  return rows.length === 1;
}

export async function findSubscriberByTokenHash(db: Db, tokenHash: string): Promise<DigestSubscriberRow | undefined> {
  const [row] = await db
    .select()
    .from(digestSubscribers)
    .where(eq(digestSubscribers.unsubscribeTokenHash, tokenHash))
    .limit(1);
  return row;
}

/** Unsubscribes once: a second click keeps the first moment. */
export async function markUnsubscribed(db: Db, id: string): Promise<void> {
  await db
    .update(digestSubscribers)
    .set({ unsubscribedAt: sql`coalesce(${digestSubscribers.unsubscribedAt}, now())` })
    .where(eq(digestSubscribers.id, id));
}

export interface VerbatimRow {
  reference: string;
  excerpt: string;
  createdAt: Date;
}

/** The newest words customers wrote in [start, end) to a team or with a tag, spam left out. */
export async function findVerbatims(
  db: Db,
  about: { teamId: string | null; tag: string | null },
  start: Date,
  end: Date,
  limit: number,
  excerptLength: number,
): Promise<VerbatimRow[]> {
  return db
    .select({
      reference: messages.reference,
      excerpt: sql<string>`left(${messages.body}, ${excerptLength})`,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(
      and(
        ne(messages.status, 'spam'),
        gte(messages.createdAt, start),
        lt(messages.createdAt, end),
        about.teamId ? eq(messages.teamId, about.teamId) : sql`${messages.tags} @> array[${about.tag}]::text[]`,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
}
