// An agent gives a message to a colleague (or to themselves), or leaves it to nobody (`null`).
import { updateMessage } from '../db/messages.repo.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { activeUsers, lockedMessage, type Actor } from './message-action.ts';

export interface AssignMessageInput {
  messageId: string;
  actor: Actor;
  /** An active user, or null for nobody. */
  assigneeId: string | null;
}

export async function assignMessage(db: Db, { messageId, actor, assigneeId }: AssignMessageInput): Promise<void> {
  await inTransaction(db, async (tx) => {
    const message = await lockedMessage(tx, messageId);
    const assigneeName = assigneeId ? (await activeUsers(tx, [assigneeId], 'assigneeId')).get(assigneeId)! : null;
    if (message.assigneeId === assigneeId) return;
    await updateMessage(tx, messageId, { assigneeId });
    await recordEvent(tx, {
      messageId,
      type: 'assigned',
      actorId: actor.id,
      body: null,
      data: { assigneeId, assigneeName },
    });
  });
}
