// An agent left a message (navigated away, closed the tab): colleagues stop seeing them at once rather
// than when their last heartbeat expires. Leaving a message one was not on changes nothing (false).
import { deletePresence } from '../db/presence.repo.ts';
import type { Db } from '../db/transaction.ts';
import type { MessageActionInput } from './message-action.ts';

export async function endPresence(db: Db, { messageId, actor }: MessageActionInput): Promise<boolean> {
  return deletePresence(db, messageId, actor.id);
}
