// The Outbox admins read: the emails waiting (held without a mail server, queued, retrying), those
// that failed, and those sent, newest first; and a failed one tried again when a person asks.
import type { EmailList, EmailSummary, OutboxView } from '@ecoute/shared/agent-contract';
import { findEmailSummary, listEmails } from '../db/emails.repo.ts';
import type { EmailRow } from '../db/schema/index.ts';
import type { Db } from '../db/transaction.ts';
import { toEmailSummary } from './agent-views.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { DomainError } from './errors.ts';
import type { Outbox } from './queue-email.ts';
import { requeueEmail } from './release-held-emails.ts';

const STATES: Record<OutboxView, EmailRow['state'][]> = {
  waiting: ['held', 'queued', 'retrying'],
  failed: ['failed'],
  sent: ['sent', 'suppressed'],
};
const PAGE = 50;

export async function listOutbox(db: Db, view: OutboxView, cursor?: string): Promise<EmailList> {
  const listing = { view: `outbox:${view}` };
  const position = cursor === undefined ? undefined : decodeCursor(cursor, listing);
  const rows = await listEmails(
    db,
    STATES[view],
    position && 'after' in position ? position.after : undefined,
    PAGE + 1,
  );
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    items: page.map(toEmailSummary),
    nextCursor: rows.length > PAGE && last ? encodeCursor({ after: [last.sortKey, last.id] }, listing) : null,
  };
}

/** Tries a failed email again, its tries counted from zero. */
export async function retryEmail(db: Db, outbox: Outbox, emailId: string): Promise<EmailSummary> {
  const requeued = await requeueEmail(db, outbox, emailId, ['failed']);
  const email = (await findEmailSummary(db, emailId)) ?? notFound();
  if (!requeued) {
    throw new DomainError('invalid_transition', 'invalid_transition', `This email is ${email.state}, not failed.`);
  }
  return toEmailSummary(email);
}

function notFound(): never {
  throw new DomainError('not_found', 'not_found', 'There is no such email.');
}
