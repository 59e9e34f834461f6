// An agent replies to a customer, perhaps promising follow-ups (commitments). The reply is reviewed
// for personalisation (an unedited template, a name not used): the warnings are returned, the reply
// is sent regardless. Sent again with the same Idempotency-Key (a lost answer, a second click), the
// reply is not made twice: the first one is answered again, `replayed`; the message's lock
// serialises the two attempts. Sent with the last event the agent had read, it is refused when the
// conversation moved on since (the customer wrote, a colleague replied): the agent reads what changed
// and sends again, or not.
import { DAY_MS, utcDay } from '@ecoute/shared/calendar';
import type { ReplyInput, ReplyResult } from '@ecoute/shared/agent-contract';
import { AGENT_LIMITS } from '@ecoute/shared/agent-values';
import type { MessageStatus } from '@ecoute/shared/statuses';
import type { TimelineType } from '@ecoute/shared/timeline-events';
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
import { findEventsAfter, findReplyByKey, recordEvent, type TimelineEntryRow } from '../db/timeline.repo.ts';
import { inTransaction, type Db, type Transaction } from '../db/transaction.ts';
import { idempotencyClaim } from '../security/idempotency-key.ts';
import { toAgentEvent } from './agent-views.ts';
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
    // After the replay: a reply that was stored is answered again, whatever happened since.
    if (reply.lastSeenEventId !== undefined) await ensureNothingNew(tx, message, actor, reply.lastSeenEventId);
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

/**
 * What a replier must have read before answering, by event type. Words to or from the customer count:
 * the customer's (their new words may change the answer), a reply (the customer would get two
 * answers, perhaps contradicting), a commitment kept or dropped (the customer was just told of it),
 * and a colleague's note (it is how colleagues warn the next one who answers: "I am calling her").
 * Facts that change no words do not: the acknowledgement (always first), tags, spam (its own 409),
 * assignment and moves between teams, routing (presence shows who is on it), emails' delivery, a mail attached (its words arrive as
 * `customer_message`), the customer turning emails off.
 */
const TELLS_A_REPLIER: Record<TimelineType, boolean> = {
  acknowledged: false,
  customer_message: true,
  reply: true,
  commitment_fulfilled: true,
  commitment_dropped: true,
  note: true,
  tagged: false,
  untagged: false,
  marked_spam: false,
  unmarked_spam: false,
  email_bounced: false,
  mail_attached: false,
  assigned: false,
  moved: false,
  routed: false,
  email: false,
  customer_emails: false,
  customer_day_pinned: false,
  customer_day_unpinned: false,
};
const CHANGES_TO_READ = (Object.keys(TELLS_A_REPLIER) as TimelineType[]).filter((type) => TELLS_A_REPLIER[type]);

/**
 * Refuses the reply when the conversation changed after `lastSeenEventId`. What the actor did
 * themselves (in another tab, or a note just before replying) is known to them and does not count.
 */
async function ensureNothingNew(tx: Transaction, message: MessageDetailRow, actor: Actor, lastSeenEventId: string) {
  const after = await findEventsAfter(tx, { messageId: message.id, eventId: lastSeenEventId, types: CHANGES_TO_READ });
  if (!after) {
    throw new DomainError(
      'invalid_input',
      'unknown_event',
      'lastSeenEventId: this message’s timeline has no such event.',
    );
  }
  const changes = after.filter((event) => event.actorId !== actor.id);
  if (changes.length === 0) return;
  throw new DomainError(
    'conversation_changed',
    'conversation_changed',
    'The conversation changed since you last read it: read what changed, then send again with the last event’s id to reply anyway. Nothing was sent.',
    { changes: changes.map((event) => toAgentEvent(event, message)) },
  );
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

/**
 * A promise to a customer is due today or later (from yesterday, for an agent whose day has not
 * ended yet somewhere west of the server) and within five years (AGENT_LIMITS.dueWithinDays): a
 * date in the past is a promise already broken, and one in 9999 is no promise at all.
 */
function ensureDueDates(promised: NonNullable<ReplyInput['commitments']>, now = new Date()): void {
  const earliest = utcDay(new Date(now.getTime() - DAY_MS));
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
