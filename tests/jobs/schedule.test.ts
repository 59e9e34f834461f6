// A periodic check (issue 9's "commitment due tomorrow / overdue / unanswered") runs once per tick
// however many processes share the database: two job queues on one database, both declaring the same
// schedule and both working its queue, run each tick's job once between them.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseConnection } from '../../server/src/db/client.ts';
import { createJobQueue, type JobRunner } from '../../server/src/jobs/queue.ts';
import { databaseKinds, freshDatabase } from '../support/databases.ts';
import { QUICK_QUEUE, TEST_CATALOG, type TestJobs } from './queues.ts';

// Ticks come once a minute: the test waits for two.
vi.setConfig({ testTimeout: 180_000 });

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startProcess(connection: DatabaseConnection): Promise<JobRunner<TestJobs>> {
  const runner = createJobQueue({
    engine: connection.engine,
    catalog: TEST_CATALOG,
    log: { warn: () => {} },
    ...QUICK_QUEUE,
  });
  cleanups.push(() => runner.stop());
  await runner.start();
  await runner.startMaintenance();
  return runner;
}

describe.each(databaseKinds)('a schedule on %s', (kind) => {
  it('runs each tick once between two processes on one database', async () => {
    const database = await freshDatabase(kind);
    cleanups.push(database.drop);
    // Two processes on PostgreSQL; on PGlite, whose one instance belongs to one process, two queues on it.
    const connections = [await openDatabase(database.target)];
    if (kind === 'postgres') connections.push(await openDatabase(database.target));
    for (const connection of connections) cleanups.push(() => connection.close());

    const runs: Array<{ process: number; id: string }> = [];
    for (const process of [0, 1]) {
      const runner = await startProcess(connections[process % connections.length]!);
      runner.queue.schedule('test.tick', '* * * * *', { check: 'commitments-due' });
      runner.queue.work('test.tick', async (data, job) => void runs.push({ process, id: job.id }), {
        pollingIntervalSeconds: 0.5,
      });
      await runner.startWorkers();
    }

    const db = connections[0]!.db;
    // pg-boss forwards each tick through its send-it queue, one job per occurrence's minute (its
    // slot), and the tick's own job is made when that forward is worked: under load two ticks' jobs
    // may be made in the same minute, so ticks are told apart by their slot, not by creation time.
    const forwards = async () =>
      (
        await db.execute(
          sql`select data->>'slot' as slot, count(*)::int as forwards, count(*) filter (where state = 'completed')::int as done
                from pgboss.job where name = '__pgboss__send-it' and data->>'name' = 'test.tick' group by 1 order by 1`,
        )
      ).rows as Array<{ slot: string; forwards: number; done: number }>;
    const tickJobs = async () =>
      (await db.execute(sql`select id::text as id from pgboss.job where name = 'test.tick' order by created_on`))
        .rows as Array<{ id: string }>;
    // By the time two ticks' jobs ran, every process long passed over the first tick.
    await vi.waitFor(
      async () => {
        expect(new Set(runs.map((run) => run.id)).size).toBeGreaterThanOrEqual(2);
      },
      { timeout: 170_000, interval: 500 },
    );
    for (const runner of cleanups.splice(-2).reverse()) await runner();
    const slots = await forwards();
    expect(slots.every((slot) => slot.forwards === 1)).toBe(true);
    const jobs = await tickJobs();
    expect(jobs).toHaveLength(slots.reduce((sum, slot) => sum + slot.done, 0));
    const ranIds = runs.map((run) => run.id);
    expect(new Set(ranIds).size).toBe(ranIds.length);
    expect(ranIds.every((id) => jobs.some((job) => job.id === id))).toBe(true);
    const schedules = await db.execute(sql`select name, cron from pgboss.schedule`);
    expect(schedules.rows).toEqual([{ name: 'test.tick', cron: '* * * * *' }]);
  });
});
