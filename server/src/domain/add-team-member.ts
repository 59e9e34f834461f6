// An admin puts a user in a team (again: nothing changes). An available newcomer is handed the
// messages that waited in the team's queue while nobody was available, oldest first.
import { addTeamMember as storeTeamMember } from '../db/teams.repo.ts';
import type { Db } from '../db/transaction.ts';
import { handOutWaiting } from './hand-out-waiting.ts';

export interface AddTeamMemberInput {
  teamId: string;
  userId: string;
}

/** How many waiting messages were handed out. */
export async function addTeamMember(db: Db, { teamId, userId }: AddTeamMemberInput): Promise<number> {
  await storeTeamMember(db, teamId, userId);
  return handOutWaiting(db, [teamId]);
}
