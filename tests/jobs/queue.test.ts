// The job queue on a real database, both kinds: a job exists if and only if the transaction that sent
// it commits (savepoints included), its data arrives as sent, a failing handler is retried and then
// fails for good, an id or a singleton key sent twice makes one job, and stopping while a handler runs
// loses nothing.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJobQueue, type JobContext } from '../../server/src/jobs/queue.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { openQueue, QUICK_QUEUE, storedJobs, TEST_CATALOG, type TestJobs, type TestQueue } from './queues.ts';

const FAST = { pollingIntervalSeconds: 0.5 };
const open: Array<{ queue: TestQueue; database: TestDatabase }> = [];

async function freshQueue(kind: 'pglite' | 'postgres'): Promise<TestQueue> {
  const database = await freshDatabase(kind);
  const queue = await openQueue(database.target);
  open.push({ queue, database });
  return queue;
}

afterEach(async () => {
  for (const { queue, database } of open.splice(0)) {
    await queue.close();
    await database.drop();
  }
});

/** tsc checks these lines (npm run typecheck); they never run. */
export function wrongSends({ runner, connection }: TestQueue): void {
  // @ts-expect-error: no such job
  void runner.queue.send(connection.db, 'test.nothing', {});
  // @ts-expect-error: a number where the job declares a string
  void runner.queue.send(connection.db, 'test.flaky', { label: 1 });
  // @ts-expect-error: a field the job does not declare is missing
  void runner.queue.send(connection.db, 'test.echo', { text: 'x' });
  // @ts-expect-error: a handler of another job's data
  runner.queue.work('test.flaky', async (data: TestJobs['test.echo']) => void data.count);
}

describe.each(databaseKinds)('the job queue on %s', (kind) => {
  it('runs a job sent in a committed transaction, with its data as it was sent', async () => {
    const { runner, connection } = await freshQueue(kind);
    const received: Array<{ data: TestJobs['test.echo']; job: JobContext }> = [];
    runner.queue.work('test.echo', async (data, job) => void received.push({ data, job }), FAST);
    await runner.startWorkers();

    const data = { text: 'Déjà « vu » \u{1F600}', count: 3, flag: true, nested: { list: [1, 'two', null] } };
    const id = await connection.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      return runner.queue.send(tx, 'test.echo', data);
    });

    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 20_000, interval: 100 });
    expect(received[0]!.data).toEqual(data);
    expect(received[0]!.job).toMatchObject({ id, retryCount: 0 });
    await vi.waitFor(async () =>
      expect(await storedJobs(connection.db, 'test.echo')).toMatchObject([{ id, state: 'completed' }]),
    );
  });

  it('keeps no job sent in a transaction that rolled back, nor in a savepoint that did', async () => {
    const { runner, connection } = await freshQueue(kind);
    await expect(
      connection.db.transaction(async (tx) => {
        await runner.queue.send(tx, 'test.echo', { text: 'rolled back', count: 1, flag: false, nested: { list: [] } });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');

    const kept = await connection.db.transaction(async (tx) => {
      await tx
        .transaction(async (savepoint) => {
          await runner.queue.send(savepoint, 'test.echo', {
            text: 'savepoint',
            count: 2,
            flag: false,
            nested: { list: [] },
          });
          throw new Error('only this part failed');
        })
        .catch(() => {});
      return runner.queue.send(tx, 'test.echo', { text: 'kept', count: 3, flag: true, nested: { list: [] } });
    });

    const jobs = await storedJobs(connection.db, 'test.echo');
    expect(jobs.map((job) => [job.id, (job.data as { text: string }).text])).toEqual([[kept, 'kept']]);
  });

  it('retries a failing handler with backoff, then fails the job for good after its limit', async () => {
    const { runner, connection } = await freshQueue(kind);
    const attempts: number[] = [];
    runner.queue.work(
      'test.flaky',
      async (_data, job) => {
        attempts.push(job.retryCount);
        throw new Error(`attempt ${job.retryCount} failed`);
      },
      FAST,
    );
    await runner.startWorkers();
    const id = await runner.queue.send(connection.db, 'test.flaky', { label: 'always fails' });

    await vi.waitFor(
      async () => expect(await storedJobs(connection.db, 'test.flaky')).toMatchObject([{ id, state: 'failed' }]),
      { timeout: 30_000, interval: 200 },
    );
    // The first attempt and the queue's two retries, no more.
    expect(attempts).toEqual([0, 1, 2]);
    expect((await storedJobs(connection.db, 'test.flaky'))[0]!.retryCount).toBe(2);
  });

  it('completes a job whose handler failed once then succeeded', async () => {
    const { runner, connection } = await freshQueue(kind);
    const attempts: number[] = [];
    runner.queue.work(
      'test.flaky',
      async (_data, job) => {
        attempts.push(job.retryCount);
        if (job.retryCount === 0) throw new Error('the mail server is down');
      },
      FAST,
    );
    await runner.startWorkers();
    const id = await runner.queue.send(connection.db, 'test.flaky', { label: 'fails once' });
    await vi.waitFor(
      async () => expect(await storedJobs(connection.db, 'test.flaky')).toMatchObject([{ id, state: 'completed' }]),
      { timeout: 30_000, interval: 200 },
    );
    expect(attempts).toEqual([0, 1]);
  });

  it('makes one job of an id sent twice, and of a singleton key sent twice on an exclusive queue', async () => {
    const { runner, connection } = await freshQueue(kind);
    const id = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';
    const data = { text: 'once', count: 1, flag: true, nested: { list: [] } };
    expect(await runner.queue.send(connection.db, 'test.echo', data, { id })).toBe(id);
    expect(await connection.db.transaction((tx) => runner.queue.send(tx, 'test.echo', data, { id }))).toBeNull();
    expect(await storedJobs(connection.db, 'test.echo')).toHaveLength(1);

    const first = await runner.queue.send(connection.db, 'test.unique', { label: 'a' }, { singletonKey: 'message-1' });
    expect(first).not.toBeNull();
    expect(
      await runner.queue.send(connection.db, 'test.unique', { label: 'b' }, { singletonKey: 'message-1' }),
    ).toBeNull();
    expect(
      await runner.queue.send(connection.db, 'test.unique', { label: 'c' }, { singletonKey: 'message-2' }),
    ).not.toBeNull();
    expect((await storedJobs(connection.db, 'test.unique')).map((job) => job.data)).toEqual([
      { label: 'a' },
      { label: 'c' },
    ]);
  });

  it('runs a job sent with startAfter only once that moment has passed', async () => {
    const { runner, connection } = await freshQueue(kind);
    const ran: number[] = [];
    runner.queue.work('test.echo', async () => void ran.push(Date.now()), FAST);
    await runner.startWorkers();
    const startAfter = new Date(Date.now() + 2_000);
    await runner.queue.send(
      connection.db,
      'test.echo',
      { text: 'later', count: 0, flag: false, nested: { list: [] } },
      {
        startAfter,
      },
    );
    await vi.waitFor(() => expect(ran).toHaveLength(1), { timeout: 20_000, interval: 100 });
    expect(ran[0]!).toBeGreaterThanOrEqual(startAfter.getTime() - 50);
  });

  it('refuses a send before the start, a second handler for a queue, and workers registered after the start', async () => {
    const { runner, connection } = await freshQueue(kind);
    const notStarted = createJobQueue({
      engine: connection.engine,
      catalog: TEST_CATALOG,
      log: { warn: () => {} },
      ...QUICK_QUEUE,
    });
    await expect(notStarted.queue.send(connection.db, 'test.flaky', { label: 'too early' })).rejects.toThrow(
      'has not started',
    );
    runner.queue.work('test.echo', async () => {});
    expect(() => runner.queue.work('test.echo', async () => {})).toThrow('has a worker already');
    await runner.startWorkers();
    expect(() => runner.queue.work('test.flaky', async () => {})).toThrow('before the app is ready');
  });
});
