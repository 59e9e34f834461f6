// An admin changes a user's role, name or access. A reactivated user who is available is handed the
// messages that waited in their teams' queues while nobody was available, oldest first.
import type { UserChange } from '@ecoute/shared/agent-contract';
import { findUserTeamIds } from '../db/teams.repo.ts';
import type { Database } from '../db/client.ts';
import { updateUser } from '../db/users.repo.ts';
import { handOutWaiting } from './hand-out-waiting.ts';

export interface ChangeUserInput {
  userId: string;
  change: UserChange;
}

/** The user as changed, or undefined when there is no such user. */
export async function changeUser(db: Database, { userId, change }: ChangeUserInput) {
  const user = await updateUser(db, userId, change);
  if (user?.active && change.active === true) await handOutWaiting(db, await findUserTeamIds(db, userId));
  return user;
}
