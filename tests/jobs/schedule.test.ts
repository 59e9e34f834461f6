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
    const ticks = async () =>
      (
        await db.execute(
          sql`select date_trunc('minute', created_on) as tick, count(*)::int as jobs, array_agg(id::text) as ids
                from pgboss.job where name = 'test.tick' group by 1 order by 1`,
        )
      ).rows as Array<{ tick: string; jobs: number; ids: string[] }>;
    // A tick's job is made within seconds of its minute. By the time a second tick's job ran, every
    // process long passed over the first tick.
    await vi.waitFor(
      async () => {
        const [, second] = await ticks();
        expect(runs.map((run) => run.id)).toContain(second?.ids[0]);
      },
      { timeout: 170_000, interval: 500 },
    );
    const [first] = await ticks();
    expect(first!.jobs).toBe(1);
    expect(runs.filter((run) => run.id === first!.ids[0])).toHaveLength(1);
    const schedules = await db.execute(sql`select name, cron from pgboss.schedule`);
    expect(schedules.rows).toEqual([{ name: 'test.tick', cron: '* * * * *' }]);
  });
});
