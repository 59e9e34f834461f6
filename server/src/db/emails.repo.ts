// Emails Ecoute writes: the outbox rows, found by what a reply or a delivery report names.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from './transaction.ts';
import { emails, type EmailRow } from './schema/index.ts';

/** The email whose envelope sender `bounce+<token>@…` carries this token (by the token's hash). */
export async function findEmailByBounceTokenHash(db: Db, bounceTokenHash: string): Promise<EmailRow | undefined> {
  const [row] = await db.select().from(emails).where(eq(emails.bounceTokenHash, bounceTokenHash)).limit(1);
  return row;
}

/** The emails among these `Message-ID`s (without angle brackets) that Ecoute sent: what a reply threads on. */
export async function findEmailsByRfcMessageIds(
  db: Db,
  rfcMessageIds: string[],
): Promise<Array<Pick<EmailRow, 'id' | 'messageId' | 'rfcMessageId' | 'recipient' | 'recipientUserId'>>> {
  if (rfcMessageIds.length === 0) return [];
  return db
    .select({
      id: emails.id,
      messageId: emails.messageId,
      rfcMessageId: emails.rfcMessageId,
      recipient: emails.recipient,
      recipientUserId: emails.recipientUserId,
    })
    .from(emails)
    .where(inArray(emails.rfcMessageId, rfcMessageIds));
}
