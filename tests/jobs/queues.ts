// The job queue as the job suites use it: test jobs of their own (the product's catalog is
// server/src/jobs/catalog.ts), on a real database, with the state pg-boss keeps read back as it is.
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseConnection, type DatabaseTarget } from '../../server/src/db/client.ts';
import type { Db } from '../../server/src/db/transaction.ts';
import { createJobQueue, type JobRunner, type QueueCatalog } from '../../server/src/jobs/queue.ts';

export type TestJobs = {
  'test.echo': { text: string; count: number; flag: boolean; nested: { list: Array<string | number | null> } };
  'test.flaky': { label: string };
  'test.unique': { label: string };
  'test.slow': { label: string };
  'test.tick': { check: string };
};

const quick = { retryDelaySeconds: 1, retryDelayMaxSeconds: 1, expireInSeconds: 60 };

export const TEST_CATALOG: QueueCatalog<TestJobs> = {
  'test.echo': { retryLimit: 0, ...quick },
  'test.flaky': { retryLimit: 2, ...quick },
  'test.unique': { retryLimit: 0, ...quick, policy: 'exclusive' },
  // Short enough that a job whose process was killed comes back within seconds.
  'test.slow': { retryLimit: 3, ...quick, expireInSeconds: 2 },
  'test.tick': { retryLimit: 0, ...quick },
};

/** Every option that makes the queue react in about a second instead of the product's tens of seconds. */
export const QUICK_QUEUE = { stopTimeoutSeconds: 2, superviseIntervalSeconds: 1, cronIntervalSeconds: 1 };

export interface TestQueue {
  connection: DatabaseConnection;
  runner: JobRunner<TestJobs>;
  /** Stops the queue, then closes the database: the order the app closes in. */
  close(): Promise<void>;
}

export async function openQueue(target: DatabaseTarget): Promise<TestQueue> {
  const connection = await openDatabase(target);
  const runner = createJobQueue({
    engine: connection.engine,
    catalog: TEST_CATALOG,
    log: { warn: () => {} },
    ...QUICK_QUEUE,
  });
  await runner.start();
  await runner.startMaintenance();
  return {
    connection,
    runner,
    close: async () => {
      await runner.stop();
      await connection.close();
    },
  };
}

export interface StoredJob {
  id: string;
  state: string;
  retryCount: number;
  data: unknown;
}

/** The jobs pg-boss holds for a queue, oldest first. */
export async function storedJobs(db: Db, name: keyof TestJobs): Promise<StoredJob[]> {
  const result = await db.execute(
    sql`select id, state, retry_count as "retryCount", data from pgboss.job where name = ${name} order by created_on, id`,
  );
  return result.rows as unknown as StoredJob[];
}
