// Emails kept while no mail server was set go once one is: each back to queued, with its job.
import { randomUUID } from 'node:crypto';
import { findHeldEmailIds, lockEmail, updateEmail } from '../db/emails.repo.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import type { Outbox } from './queue-email.ts';

export async function releaseHeldEmails(db: Db, outbox: Outbox): Promise<number> {
  const ids = await findHeldEmailIds(db);
  for (const id of ids) await requeueEmail(db, outbox, id, ['held']);
  return ids.length;
}

/**
 * Puts one email back in the queue if it is in one of `from` (held; failed, when a person asks),
 * its tries counted from zero again. False when it was not (any more) in one of them.
 */
export async function requeueEmail(
  db: Db,
  outbox: Outbox,
  id: string,
  from: Array<'held' | 'failed'>,
): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const email = await lockEmail(tx, id);
    if (!email || !from.includes(email.state as 'held' | 'failed')) return false;
    await updateEmail(tx, id, { state: 'queued', lastError: null, resetAttempts: true });
    if (email.messageId) {
      await recordEvent(tx, {
        messageId: email.messageId,
        type: 'email',
        body: null,
        data: { emailId: id, kind: email.kind, recipient: email.recipient, state: 'queued', reason: null },
      });
    }
    await outbox.jobs.send(tx, 'email.send', { emailId: id }, { id: randomUUID() });
    return true;
  });
}
