// A heartbeat from an agent on a message: they are there (reading it, or writing a reply) for the next
// `ttlMs`, and learn who else is. Heartbeats that stop (a closed tab, a lost network) expire on their
// own; the expired rows of everyone are deleted on the way, so no sweeper is needed.
import type { PresenceState } from '@ecoute/shared/agent-values';
import { deleteExpiredPresence, findPresence, upsertPresence, type PresenceRow } from '../db/presence.repo.ts';
import type { Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';
import type { MessageActionInput } from './message-action.ts';

export interface MarkPresenceInput extends MessageActionInput {
  state: PresenceState;
  ttlMs: number;
}

/** Who else is on the message, once the actor is recorded there. */
export async function markPresence(
  db: Db,
  { messageId, actor, state, ttlMs }: MarkPresenceInput,
): Promise<PresenceRow[]> {
  const found = await upsertPresence(db, { messageId, userId: actor.id, state, ttlMs });
  if (!found) throw new DomainError('not_found', 'not_found', 'There is no such message.');
  await deleteExpiredPresence(db);
  return findPresence(db, { messageId, exceptUserId: actor.id });
}
