// Emails Ecoute writes: the outbox rows, listed with their state, found by what a reply or a delivery
// report names.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from './transaction.ts';
import { emails, messages, type EmailRow } from './schema/index.ts';

/** An email as agents and admins list it: its state, never its content. */
export type EmailSummaryRow = Pick<
  EmailRow,
  'id' | 'messageId' | 'kind' | 'recipient' | 'state' | 'attempts' | 'lastError' | 'createdAt' | 'sentAt'
> & { reference: string };

const SUMMARY = {
  id: emails.id,
  messageId: emails.messageId,
  reference: messages.reference,
  kind: emails.kind,
  recipient: emails.recipient,
  state: emails.state,
  attempts: emails.attempts,
  lastError: emails.lastError,
  createdAt: emails.createdAt,
  sentAt: emails.sentAt,
};

/** Every email written about a message, oldest first. */
export async function findMessageEmails(db: Db, messageId: string): Promise<EmailSummaryRow[]> {
  return db
    .select(SUMMARY)
    .from(emails)
    .innerJoin(messages, eq(messages.id, emails.messageId))
    .where(eq(emails.messageId, messageId))
    .orderBy(asc(emails.createdAt), asc(emails.id));
}

/** The email whose envelope sender `bounce+<token>@…` carries this token (by the token's hash). */
export async function findEmailByBounceTokenHash(db: Db, bounceTokenHash: string): Promise<EmailRow | undefined> {
  const [row] = await db.select().from(emails).where(eq(emails.bounceTokenHash, bounceTokenHash)).limit(1);
  return row;
}

/** The emails among these `Message-ID`s (without angle brackets) that Ecoute sent: what a reply threads on. */
export async function findEmailsByRfcMessageIds(
  db: Db,
  rfcMessageIds: string[],
): Promise<Array<Pick<EmailRow, 'id' | 'messageId' | 'rfcMessageId'>>> {
  if (rfcMessageIds.length === 0) return [];
  return db
    .select({ id: emails.id, messageId: emails.messageId, rfcMessageId: emails.rfcMessageId })
    .from(emails)
    .where(inArray(emails.rfcMessageId, rfcMessageIds));
}
