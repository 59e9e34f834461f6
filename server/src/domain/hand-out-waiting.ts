// Someone became able to take messages (came back, joined a team, was reactivated): the messages that
// waited in their teams' queues while nobody was available are handed out at once, oldest first.
import { handOutNext } from '../db/teams.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';

/** How many waiting messages were handed out. */
export async function handOutWaiting(db: Db, teamIds: string[]): Promise<number> {
  let handedOut = 0;
  for (const teamId of teamIds) {
    // One message per transaction: a long queue does not hold every lock until the last one.
    while (await inTransaction(db, (tx) => handOutNext(tx, teamId))) handedOut++;
  }
  return handedOut;
}
