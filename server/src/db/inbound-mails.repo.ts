// Inbound mails: stored once each (by Message-ID, or by the raw mail's hash without one), then
// updated with what became of them; the unmatched ones listed newest first for admins.
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Cursor } from './inbox.repo.ts';
import { inboundMails, type InboundMailRow } from './schema/index.ts';
import type { Db } from './transaction.ts';

export type NewInboundMail = Omit<typeof inboundMails.$inferInsert, 'id' | 'receivedAt'>;
export type InboundMailChange = Partial<
  Pick<InboundMailRow, 'outcome' | 'unmatchedReason' | 'messageId' | 'eventId' | 'emailId' | 'resolvedById'>
> & { resolved?: true };
/** A mail without its raw source: what lists show. */
export type InboundMailSummaryRow = Omit<InboundMailRow, 'raw'> & { sortKey: string };

const { raw: _raw, ...SUMMARY_COLUMNS } = getTableColumns(inboundMails);

/** The new row, or `duplicate` with the row already stored under the same key. */
export async function insertInboundMail(
  db: Db,
  mail: NewInboundMail,
): Promise<{ stored: InboundMailRow } | { duplicate: InboundMailRow }> {
  const [stored] = await db.insert(inboundMails).values(mail).onConflictDoNothing().returning();
  if (stored) return { stored };
  const [previous] = await db.select().from(inboundMails).where(eq(inboundMails.dedupeKey, mail.dedupeKey));
  if (!previous) throw new Error('Inbound mail conflict without a stored mail');
  return { duplicate: previous };
}

export async function updateInboundMail(db: Db, id: string, change: InboundMailChange): Promise<void> {
  const { resolved, ...columns } = change;
  await db
    .update(inboundMails)
    .set({ ...columns, ...(resolved && { resolvedAt: sql`now()` }) })
    .where(eq(inboundMails.id, id));
}

export async function findInboundMail(db: Db, id: string): Promise<InboundMailRow | undefined> {
  const [row] = await db.select().from(inboundMails).where(eq(inboundMails.id, id));
  return row;
}

/** The mail, locked until the transaction ends: an admin's action on it happens once. */
export async function lockInboundMail(db: Db, id: string): Promise<InboundMailRow | undefined> {
  const [row] = await db.select().from(inboundMails).where(eq(inboundMails.id, id)).for('update');
  return row;
}

/** One page of the unmatched mail, newest first, one more than `limit` to tell whether more follow. */
export async function listUnmatchedMails(
  db: Db,
  input: { cursor?: Cursor | undefined; limit: number },
): Promise<InboundMailSummaryRow[]> {
  const after =
    input.cursor && 'after' in input.cursor
      ? sql`(${inboundMails.receivedAt}, ${inboundMails.id}) < (${input.cursor.after[0]}::timestamptz, ${input.cursor.after[1]}::uuid)`
      : undefined;
  return db
    .select({ ...SUMMARY_COLUMNS, sortKey: sql<string>`${inboundMails.receivedAt}::text` })
    .from(inboundMails)
    .where(and(eq(inboundMails.outcome, 'unmatched'), after))
    .orderBy(desc(inboundMails.receivedAt), desc(inboundMails.id))
    .limit(input.limit + 1);
}
