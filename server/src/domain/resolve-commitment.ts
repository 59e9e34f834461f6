// Keeping or dropping a commitment, once: what fulfil-commitment.ts and drop-commitment.ts share. The
// customer reads what was done (or why not) on their tracking page; the message closes when nothing
// is left open, unless the customer has written since.
import type { MessageStatus } from '@ecoute/shared/statuses';
import {
  countOpenCommitments,
  findCommitment,
  findCommitmentMessageId,
  lockCommitment,
  recordCommitmentOutcome,
  type CommitmentDetailRow,
} from '../db/commitments.repo.ts';
import { updateMessage } from '../db/messages.repo.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';
import { lockedMessage, nextStatus, type Actor } from './message-action.ts';
import { emailTheCustomer, type Outbox } from './queue-email.ts';

export interface ResolveCommitmentInput {
  commitmentId: string;
  actor: Actor;
  /** What was done (fulfilled) or why not (dropped): the customer reads it, by email too. */
  text: string;
  outbox: Outbox;
}

export interface ResolutionOutcome {
  commitment: CommitmentDetailRow;
  status: MessageStatus;
}

export async function resolveCommitment(
  db: Db,
  input: ResolveCommitmentInput,
  resolution: 'fulfilled' | 'dropped',
): Promise<ResolutionOutcome> {
  const { commitmentId, actor, text } = input;
  return inTransaction(db, async (tx) => {
    const messageId = await findCommitmentMessageId(tx, commitmentId);
    if (!messageId) throw new DomainError('not_found', 'not_found', 'There is no such commitment.');
    // Message first, then commitment: the same lock order as replies, so the two never deadlock.
    const message = await lockedMessage(tx, messageId);
    const commitment = (await lockCommitment(tx, commitmentId))!;
    if (commitment.status !== 'open') {
      throw new DomainError(
        'invalid_transition',
        'invalid_transition',
        `This commitment is already ${commitment.status}.`,
      );
    }
    const status = nextStatus(message.status, {
      type: 'commitment_resolved',
      openCommitments: (await countOpenCommitments(tx, messageId)) - 1,
    });
    await recordCommitmentOutcome(tx, commitmentId, resolution, text);
    const event = await recordEvent(tx, {
      messageId,
      type: resolution === 'fulfilled' ? 'commitment_fulfilled' : 'commitment_dropped',
      actorId: actor.id,
      body: text,
      data: { commitmentId, description: commitment.description },
    });
    await updateMessage(tx, messageId, { status, commitmentsChanged: true });
    await emailTheCustomer(tx, input.outbox, message, {
      kind: resolution === 'fulfilled' ? 'commitment_kept' : 'commitment_dropped',
      eventId: event.id,
      commitmentId,
    });
    return { commitment: (await findCommitment(tx, commitmentId))!, status };
  });
}
