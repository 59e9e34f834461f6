// An agent says they are available or away. Coming back, they (and their available teammates) are
// handed the messages that waited in their teams' queues while nobody was available, oldest first.
import { findUserTeamIds, setAvailability as storeAvailability } from '../db/teams.repo.ts';
import type { Db } from '../db/transaction.ts';
import { handOutWaiting } from './hand-out-waiting.ts';

export interface SetAvailabilityInput {
  userId: string;
  available: boolean;
}

/** How many waiting messages were handed out. */
export async function setAvailability(db: Db, { userId, available }: SetAvailabilityInput): Promise<number> {
  await storeAvailability(db, userId, available);
  if (!available) return 0;
  return handOutWaiting(db, await findUserTeamIds(db, userId));
}
