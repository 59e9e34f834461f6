// An agent writes a note for colleagues: on the timeline, never shown to the customer.
import type { LockedMessage } from '../db/messages.repo.ts';
import { recordEvent, type TimelineEntryRow } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { lockedMessage, type MessageActionInput } from './message-action.ts';

export interface AddNoteInput extends MessageActionInput {
  body: string;
}

export async function addNote(
  db: Db,
  { messageId, actor, body }: AddNoteInput,
): Promise<{ message: LockedMessage; event: TimelineEntryRow }> {
  return inTransaction(db, async (tx) => {
    const message = await lockedMessage(tx, messageId);
    const event = await recordEvent(tx, { messageId, type: 'note', actorId: actor.id, body, data: {} });
    return { message, event: { ...event, actorName: actor.name } };
  });
}
