// A team's clock changed (time zone, working hours): its messages' working times are measured again
// with the new one, by the `stats.team-clock` job rather than in the request that changed it. Batch after
// batch in arrival order, each a statement of its own, so a large team holds no long transaction; run
// again (a later change, a retry), it measures everything again with the clock of that moment.
import { refreshTeamFacts, type TeamFactsCursor } from '../db/stats.repo.ts';
import type { Db } from '../db/transaction.ts';

const BATCH = 2_000;

export async function measureTeamAgain(db: Db, teamId: string, signal?: AbortSignal): Promise<void> {
  let after: TeamFactsCursor | undefined;
  do {
    signal?.throwIfAborted();
    after = await refreshTeamFacts(db, { teamId, after, limit: BATCH });
  } while (after);
}
