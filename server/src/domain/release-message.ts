// An agent takes a message out of quarantine: it waits for an answer like any other.
import type { MessageStatus } from '@ecoute/shared/statuses';
import { updateMessage } from '../db/messages.repo.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { lockedMessage, nextStatus, type MessageActionInput } from './message-action.ts';

export async function releaseMessage(db: Db, { messageId, actor }: MessageActionInput): Promise<MessageStatus> {
  return inTransaction(db, async (tx) => {
    const message = await lockedMessage(tx, messageId);
    const status = nextStatus(message.status, { type: 'unmark_spam' });
    await updateMessage(tx, messageId, { status });
    await recordEvent(tx, { messageId, type: 'unmarked_spam', actorId: actor.id, body: null, data: {} });
    return status;
  });
}
