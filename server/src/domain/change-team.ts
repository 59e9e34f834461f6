// An admin changes a team (name, targets, clock, default). When its clock changes, its messages'
// working times are measured again by a job sent in the same transaction (measure-team-again.ts):
// the request answers at once however many messages the team has. A change of its targets or clock
// also empties the dashboard's rollup (a trigger, migrations/0025), sealed again by a job.
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
    if (!team || team === 'name_taken') return team;
    const clockChanged = change.timeZone !== undefined || change.workingHours !== undefined;
    if (clockChanged) await jobs.send(tx, 'stats.team-clock', { teamId: team.id });
    if (clockChanged || change.acknowledgeTargetMinutes !== undefined || change.firstReplyTargetMinutes !== undefined)
      await jobs.send(tx, 'stats.seal', {});
    return team;
  });
}
