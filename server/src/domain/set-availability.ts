// An agent says they are available or away. Coming back, they (and their available teammates) are
// handed the messages that waited in their teams' queues while nobody was available, oldest first.
import { findUserTeamIds, handOutNext, setAvailability as storeAvailability } from '../db/teams.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';

export interface SetAvailabilityInput {
  userId: string;
  available: boolean;
}

/** How many waiting messages were handed out. */
export async function setAvailability(db: Db, { userId, available }: SetAvailabilityInput): Promise<number> {
  await storeAvailability(db, userId, available);
  if (!available) return 0;
  let handedOut = 0;
  for (const teamId of await findUserTeamIds(db, userId)) {
    // One message per transaction: a long queue does not hold every lock until the last one.
    while (await inTransaction(db, (tx) => handOutNext(tx, teamId))) handedOut++;
  }
  return handedOut;
}
