// An admin changes a team (name, targets, clock, default). When its clock changes, its messages'
// working times are measured again by a job sent in the same transaction (measure-team-again.ts):
// the request answers at once however many messages the team has.
import type { TeamRow } from '../db/schema/index.ts';
import { updateTeam, type TeamInput } from '../db/teams.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import type { Jobs } from '../jobs/catalog.ts';
import type { JobQueue } from '../jobs/queue.ts';

export async function changeTeam(
  db: Db,
  jobs: JobQueue<Jobs>,
  id: string,
  change: TeamInput & { isDefault?: true },
): Promise<TeamRow | undefined | 'name_taken'> {
  return inTransaction(db, async (tx) => {
    const team = await updateTeam(tx, id, change);
    const clockChanged = change.timeZone !== undefined || change.workingHours !== undefined;
    if (team && team !== 'name_taken' && clockChanged) await jobs.send(tx, 'stats.team-clock', { teamId: team.id });
    return team;
  });
}
