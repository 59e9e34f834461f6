// An agent puts a message that was never answered in quarantine (spam): kept, never discarded, out of
// the inbox views until someone releases it (release-message.ts).
import type { MessageStatus } from '@ecoute/shared/statuses';
import { updateMessage } from '../db/messages.repo.ts';
import { hasReply, recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { lockedMessage, nextStatus, type MessageActionInput } from './message-action.ts';

export async function quarantineMessage(db: Db, { messageId, actor }: MessageActionInput): Promise<MessageStatus> {
  return inTransaction(db, async (tx) => {
    const message = await lockedMessage(tx, messageId);
    const status = nextStatus(message.status, { type: 'mark_spam', answered: await hasReply(tx, messageId) });
    await updateMessage(tx, messageId, { status });
    await recordEvent(tx, { messageId, type: 'marked_spam', actorId: actor.id, body: null, data: {} });
    return status;
  });
}
