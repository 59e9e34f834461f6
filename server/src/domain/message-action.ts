// What every action on a message shares: who acts, the message locked for the length of the action,
// and the lifecycle's next status (shared/src/lifecycle.ts), refused in the domain's words.
import type { MessageStatus } from '@ecoute/shared/statuses';
import { transition, type LifecycleEvent } from '@ecoute/shared/lifecycle';
import { lockMessage, type LockedMessage } from '../db/messages.repo.ts';
import type { Transaction } from '../db/transaction.ts';
import { findActiveUsers } from '../db/users.repo.ts';
import { DomainError } from './errors.ts';

/** The agent acting; the timeline records them, it is the audit trail. */
export interface Actor {
  id: string;
  name: string;
}

/** An action that needs nothing more than the message and who acts. */
export interface MessageActionInput {
  messageId: string;
  actor: Actor;
}

/** The message, locked until the transaction ends: actions on one message happen one after the other. */
export async function lockedMessage(tx: Transaction, messageId: string): Promise<LockedMessage> {
  const message = await lockMessage(tx, messageId);
  if (!message) throw new DomainError('not_found', 'not_found', 'There is no such message.');
  return message;
}

export function nextStatus(status: MessageStatus, event: LifecycleEvent): MessageStatus {
  const result = transition(status, event);
  if (!result.ok) throw new DomainError('invalid_transition', 'invalid_transition', result.reason);
  return result.status;
}

/** The names of these active users; anyone else (unknown, deactivated) is refused, naming `field`. */
export async function activeUsers(tx: Transaction, ids: string[], field: string): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const found = await findActiveUsers(tx, unique);
  if (found.length !== unique.length) {
    throw new DomainError('invalid_input', 'unknown_user', `${field}: no active user has this id.`);
  }
  return new Map(found.map((user) => [user.id, user.name]));
}
