// One message as an agent reads it: the customer's words, their other messages, the whole timeline,
// the commitments made and the emails written.
import type { MessageDetail } from '@ecoute/shared/agent-contract';
import { findCommitments } from '../db/commitments.repo.ts';
import { findMessageEmails } from '../db/emails.repo.ts';
import { findCustomerMessages, findMessageDetail } from '../db/inbox.repo.ts';
import { findTimeline } from '../db/timeline.repo.ts';
import type { Db } from '../db/transaction.ts';
import { toAgentEvent, toCommitment, toDetailMessage, toEmailSummary, toSummary } from './agent-views.ts';
import { DomainError } from './errors.ts';

export async function readMessage(db: Db, messageId: string): Promise<MessageDetail> {
  const row = await findMessageDetail(db, messageId);
  if (!row) throw new DomainError('not_found', 'not_found', 'There is no such message.');
  const [others, events, commitments, emails] = await Promise.all([
    row.customerEmail ? findCustomerMessages(db, row.customerEmail, row.id) : [],
    findTimeline(db, row.id),
    findCommitments(db, { messageId: row.id }),
    findMessageEmails(db, row.id),
  ]);
  return {
    message: toDetailMessage(row),
    otherMessages: others.map(toSummary),
    timeline: events.map((event) => toAgentEvent(event, row)),
    commitments: commitments.map(toCommitment),
    emails: emails.map(toEmailSummary),
  };
}
