// An agent gives a message to a colleague (or to themselves), or leaves it to nobody (`null`).
import { findMessageDetail, type MessageDetailRow } from '../db/inbox.repo.ts';
import { updateMessage } from '../db/messages.repo.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { activeUsers, lockedMessage, type MessageActionInput } from './message-action.ts';

export interface AssignMessageInput extends MessageActionInput {
  /** An active user, or null for nobody. */
  assigneeId: string | null;
}

/** The message as it is once assigned. */
export async function assignMessage(
  db: Db,
  { messageId, actor, assigneeId }: AssignMessageInput,
): Promise<MessageDetailRow> {
  return inTransaction(db, async (tx) => {
    const message = await lockedMessage(tx, messageId);
    const assigneeName = assigneeId ? (await activeUsers(tx, [assigneeId], 'assigneeId')).get(assigneeId)! : null;
    if (message.assigneeId !== assigneeId) {
      await updateMessage(tx, messageId, { assigneeId });
      await recordEvent(tx, {
        messageId,
        type: 'assigned',
        actorId: actor.id,
        body: null,
        data: { assigneeId, assigneeName },
      });
    }
    return (await findMessageDetail(tx, messageId))!;
  });
}
