// A team's clock changed (time zone, working hours): its messages' working times are measured again
// with the new one, by the `stats.team-clock` job rather than in the request that changed it. Batch after
// batch in arrival order, each a statement of its own, so a large team holds no long transaction; run
// again (a later change, a retry), it measures everything again with the clock of that moment.
import { refreshTeamFacts, type TeamFactsCursor } from '../db/stats.repo.ts';
import type { Db } from '../db/transaction.ts';

export async function measureTeamAgain(
  db: Db,
  teamId: string,
  { signal, batch = 2_000 }: { signal?: AbortSignal; batch?: number } = {},
): Promise<void> {
  let after: TeamFactsCursor | undefined;
  do {
    signal?.throwIfAborted();
    after = await refreshTeamFacts(db, { teamId, after, limit: batch });
  } while (after);
}
