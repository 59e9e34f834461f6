// An agent takes a message out of quarantine: it waits for an answer like any other, and its customer,
// who heard nothing while it was there, is acknowledged by email now (once, however often it goes in
// and out: the acknowledgement's dedupe key is the message's).
import type { MessageStatus } from '@ecoute/shared/statuses';
import { updateMessage } from '../db/messages.repo.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { lockedMessage, nextStatus, type MessageActionInput } from './message-action.ts';
import { emailTheCustomer, type Outbox } from './queue-email.ts';

export interface ReleaseMessageInput extends MessageActionInput {
  outbox: Outbox;
}

export async function releaseMessage(
  db: Db,
  { messageId, actor, outbox }: ReleaseMessageInput,
): Promise<MessageStatus> {
  return inTransaction(db, async (tx) => {
    const message = await lockedMessage(tx, messageId);
    const status = nextStatus(message.status, { type: 'unmark_spam' });
    await updateMessage(tx, messageId, { status });
    await recordEvent(tx, { messageId, type: 'unmarked_spam', actorId: actor.id, body: null, data: {} });
    await emailTheCustomer(tx, outbox, message, { kind: 'acknowledgement' });
    return status;
  });
}
