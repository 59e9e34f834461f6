// A heartbeat from an agent on a message: they are there (reading it, or writing a reply) for the next
// `ttlMs`, and learn who else is. Heartbeats that stop (a closed tab, a lost network) expire on their
// own (plugins/app/presence.ts deletes them and tells colleagues). `changed` says whether colleagues
// have news: the agent arrived or moved between reading and writing, not a mere renewal.
import type { PresenceState } from '@ecoute/shared/agent-values';
import { findOwnPresenceState, findPresence, upsertPresence, type PresenceRow } from '../db/presence.repo.ts';
import type { Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';
import type { MessageActionInput } from './message-action.ts';

export interface MarkPresenceInput extends MessageActionInput {
  state: PresenceState;
  ttlMs: number;
}

export interface MarkedPresence {
  /** Who else is on the message. */
  others: PresenceRow[];
  changed: boolean;
}

export async function markPresence(
  db: Db,
  { messageId, actor, state, ttlMs }: MarkPresenceInput,
): Promise<MarkedPresence> {
  const before = await findOwnPresenceState(db, messageId, actor.id);
  const stored = await upsertPresence(db, { messageId, userId: actor.id, state, ttlMs });
  if (!stored) throw new DomainError('not_found', 'not_found', 'There is no such message.');
  const others = await findPresence(db, { messageId, exceptUserId: actor.id });
  return { others, changed: stored.inserted || before !== state };
}
