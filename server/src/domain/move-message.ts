// An agent moves a message to another team, gives it to a colleague (or to themselves), or leaves it to
// nobody (`null`), saying why if they wish: the timeline records who did it, from where to where.
import { findMessageDetail, type MessageDetailRow } from '../db/inbox.repo.ts';
import { updateMessage } from '../db/messages.repo.ts';
import { findTeamName, handOutNext } from '../db/teams.repo.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';
import { activeUsers, lockedMessage, type MessageActionInput } from './message-action.ts';

export interface MoveMessageInput extends MessageActionInput {
  /** Another team (the same one changes nothing). */
  teamId?: string | undefined;
  /** An active user, or null for nobody; undefined leaves the assignee as is. */
  assigneeId?: string | null | undefined;
  reason?: string | undefined;
}

/** The message as it is once moved. */
export async function moveMessage(
  db: Db,
  { messageId, actor, teamId, assigneeId, reason }: MoveMessageInput,
): Promise<MessageDetailRow> {
  return inTransaction(db, async (tx) => {
    await lockedMessage(tx, messageId);
    const message = (await findMessageDetail(tx, messageId))!;
    const body = reason?.trim() || null;
    if (teamId !== undefined && teamId !== message.teamId) {
      const toTeamName = await findTeamName(tx, teamId);
      if (toTeamName === undefined)
        throw new DomainError('invalid_input', 'unknown_team', 'teamId: there is no such team.');
      await updateMessage(tx, messageId, { teamId });
      await recordEvent(tx, {
        messageId,
        type: 'moved',
        actorId: actor.id,
        body,
        data: { fromTeamId: message.teamId, fromTeamName: message.teamName, toTeamId: teamId, toTeamName },
      });
      // Waiting for someone, it waits in its new team's queue: handed out at once if a member is available.
      if (message.assigneeId === null && assigneeId === undefined) await handOutNext(tx, teamId);
    }
    if (assigneeId !== undefined && assigneeId !== message.assigneeId) {
      const assigneeName = assigneeId ? (await activeUsers(tx, [assigneeId], 'assigneeId')).get(assigneeId)! : null;
      // A person deciding ends the wait in the team's queue.
      await updateMessage(tx, messageId, { assigneeId, awaitingAssignee: false });
      await recordEvent(tx, {
        messageId,
        type: 'assigned',
        actorId: actor.id,
        body,
        data: {
          assigneeId,
          assigneeName,
          previousAssigneeId: message.assigneeId,
          previousAssigneeName: message.assigneeName,
        },
      });
    }
    return (await findMessageDetail(tx, messageId))!;
  });
}
