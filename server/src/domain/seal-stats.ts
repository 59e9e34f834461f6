// The dashboard's rollup sealed up to the last UTC midnight (migrations/0025): a week of facts per
// transaction, so that the writers of facts, who wait for a seal, never wait long. Run by the
// `stats.seal` job, every few minutes and at once after a team's targets or clock changed (which
// empties the rollup); a rollup not sealed yet only makes the dashboard read more facts.
import { sealStatsRollupStep } from '../db/stats.repo.ts';
import type { Db } from '../db/transaction.ts';

export async function sealStats(db: Db, { signal }: { signal?: AbortSignal } = {}): Promise<void> {
  do signal?.throwIfAborted();
  while (await sealStatsRollupStep(db));
}
