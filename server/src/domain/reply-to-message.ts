// An agent replies to a customer, perhaps promising follow-ups (commitments). The reply is reviewed
// for personalisation (an unedited template, a name not used): the warnings are returned, the reply
// is sent regardless. Sent again with the same Idempotency-Key (a lost answer, a second click), the
// reply is not made twice: the first one is answered again, `replayed`; the message's lock
// serialises the two attempts.
import type { ReplyInput, ReplyResult } from '@ecoute/shared/agent-contract';
import { AGENT_LIMITS } from '@ecoute/shared/agent-values';
import type { MessageStatus } from '@ecoute/shared/statuses';
import { renderTemplate, reviewReply } from '@ecoute/shared/templates';
import {
  countOpenCommitments,
  createCommitments,
  findCommitments,
  type CommitmentDetailRow,
} from '../db/commitments.repo.ts';
import { findMessageDetail, type MessageDetailRow } from '../db/inbox.repo.ts';
import { updateMessage } from '../db/messages.repo.ts';
import { listTemplates } from '../db/templates.repo.ts';
import { findReplyByKey, recordEvent, type TimelineEntryRow } from '../db/timeline.repo.ts';
import { inTransaction, type Db, type Transaction } from '../db/transaction.ts';
import { idempotencyClaim } from '../security/idempotency-key.ts';
import { DomainError } from './errors.ts';
import { emailTheCustomer, type Outbox } from './queue-email.ts';
import { activeUsers, lockedMessage, nextStatus, type Actor, type MessageActionInput } from './message-action.ts';

export interface ReplyToMessageInput extends MessageActionInput {
  reply: ReplyInput;
  idempotencyKey?: string | undefined;
  /** The customer reads the reply by email too, if they left an address. */
  outbox: Outbox;
}

export interface ReplyOutcome {
  message: MessageDetailRow;
  event: TimelineEntryRow;
  commitments: CommitmentDetailRow[];
  status: MessageStatus;
  warnings: ReplyResult['warnings'];
  /** The same Idempotency-Key made this reply before: nothing new was made. */
  replayed: boolean;
}

export async function replyToMessage(db: Db, input: ReplyToMessageInput): Promise<ReplyOutcome> {
  const { messageId, actor, reply } = input;
  const promised = reply.commitments ?? [];
  return inTransaction(db, async (tx) => {
    const locked = await lockedMessage(tx, messageId);
    const message = (await findMessageDetail(tx, messageId))!;
    ensureDueDates(promised);
    const warnings = await review(tx, message, actor, reply.body);
    const claim =
      input.idempotencyKey === undefined
        ? undefined
        : idempotencyClaim(input.idempotencyKey, [actor.id, reply.body, promised]);
    if (claim) {
      const earlier = await findReplyByKey(tx, messageId, claim.keyHash);
      if (earlier) {
        if (earlier.requestFingerprint !== claim.fingerprint) {
          throw new DomainError(
            'idempotency_key_reused',
            'idempotency_mismatch',
            'This Idempotency-Key was used for another reply.',
          );
        }
        const { requestFingerprint: _, ...event } = earlier;
        const made = await findCommitments(tx, { replyEventId: event.id });
        return {
          message,
          event: { ...event, actorName: actor.name },
          commitments: made,
          status: locked.status,
          warnings,
          replayed: true,
        };
      }
    }
    const openAfter = (await countOpenCommitments(tx, messageId)) + promised.length;
    const status = nextStatus(locked.status, { type: 'reply', openCommitments: openAfter });
    await activeUsers(
      tx,
      promised.flatMap((commitment) => (commitment.ownerId ? [commitment.ownerId] : [])),
      'commitments.ownerId',
    );
    const event = await recordEvent(tx, {
      messageId,
      type: 'reply',
      body: reply.body,
      data: {},
      actorId: actor.id,
      idempotencyKeyHash: claim?.keyHash ?? null,
      requestFingerprint: claim?.fingerprint ?? null,
    });
    await createCommitments(
      tx,
      messageId,
      event.id,
      promised.map((commitment) => ({
        description: commitment.description.trim(),
        dueOn: commitment.dueOn,
        ownerId: commitment.ownerId ?? actor.id,
      })),
    );
    await updateMessage(tx, messageId, {
      status,
      commitmentsChanged: true,
      // Whoever answers an unassigned message takes it.
      assigneeId: locked.assigneeId ?? actor.id,
    });
    await emailTheCustomer(tx, input.outbox, locked, { kind: 'reply', eventId: event.id });
    return {
      message,
      event: { ...event, actorName: actor.name },
      commitments: await findCommitments(tx, { replyEventId: event.id }),
      status,
      warnings,
      replayed: false,
    };
  });
}

/** The personalisation check, against every template as it would read for this message. */
async function review(tx: Transaction, message: MessageDetailRow, actor: Actor, body: string) {
  const context = {
    customer: { name: message.customerName, email: message.customerEmail },
    reference: message.reference,
    agent: { name: actor.name },
    form: { name: message.formName },
  };
  const templates = await listTemplates(tx);
  return reviewReply({
    body,
    renderedTemplates: templates.map((template) => renderTemplate(template.body, context)),
    customerName: message.customerName,
  });
}

const DAY_MS = 86_400_000;

/**
 * A promise to a customer is due today or later (from yesterday, for an agent whose day has not
 * ended yet somewhere west of the server) and within five years (AGENT_LIMITS.dueWithinDays): a
 * date in the past is a promise already broken, and one in 9999 is no promise at all.
 */
function ensureDueDates(promised: NonNullable<ReplyInput['commitments']>, now = new Date()): void {
  const earliest = new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
  const latest = new Date(now.getTime() + AGENT_LIMITS.dueWithinDays * DAY_MS).toISOString().slice(0, 10);
  promised.forEach(({ dueOn }, index) => {
    if (dueOn < earliest || dueOn > latest) {
      throw new DomainError(
        'invalid_input',
        'invalid_due_date',
        `commitments.${index}.dueOn: a commitment is due from today, wherever the agent is, to five years ahead (${earliest} to ${latest}).`,
      );
    }
  });
}
