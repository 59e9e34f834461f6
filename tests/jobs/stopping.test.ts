// Stopping never loses a job: a handler in flight when the app closes finishes before the database
// closes (the jobs plugin stops before the database plugin), and one that outlasts the stop timeout
// gives its job back, which the next start runs again. On a database that outlives the process.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseTarget } from '../../server/src/db/client.ts';
import type { JobQueue } from '../../server/src/jobs/queue.ts';
import database from '../../server/src/plugins/app/database.ts';
import jobs from '../../server/src/plugins/app/jobs.ts';
import { databaseKinds, freshDatabase } from '../support/databases.ts';
import { openQueue, storedJobs, TEST_CATALOG, type TestJobs } from './queues.ts';

const FAST = { pollingIntervalSeconds: 0.5 };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A database that survives closing what uses it: PostgreSQL, or PGlite in a directory. */
async function durableDatabase(kind: 'pglite' | 'postgres'): Promise<DatabaseTarget> {
  if (kind === 'postgres') {
    const fresh = await freshDatabase(kind);
    cleanups.push(fresh.drop);
    return fresh.target;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'ecoute-jobs-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return { kind: 'pglite', dataDir: dir };
}

/** The database and jobs plugins as the app registers them, with the test jobs' catalog. */
async function appWithJobs(target: DatabaseTarget): Promise<{ app: FastifyInstance; jobs: JobQueue<TestJobs> }> {
  const app = Fastify();
  await app.register(database, { target, admin: { email: 'admin@example.com', password: 'correct horse battery' } });
  await app.register(jobs, { catalog: TEST_CATALOG });
  return { app, jobs: app.jobs as unknown as JobQueue<TestJobs> };
}

function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.each(databaseKinds)('stopping the job queue on %s', (kind) => {
  it('lets a handler in flight when the app closes finish on the database before it closes', async () => {
    const target = await durableDatabase(kind);
    const { app, jobs: queue } = await appWithJobs(target);
    const started = gate();
    const release = gate();
    const outcome: string[] = [];
    queue.work(
      'test.slow',
      async () => {
        started.open();
        await release.opened;
        // Through the database the app is closing: this fails if the database closed first.
        await app.db.execute(sql`select 1`);
        outcome.push('finished');
      },
      FAST,
    );
    await app.ready();
    const id = await queue.send(app.db, 'test.slow', { label: 'in flight' });
    await started.opened;

    const closing = app.close();
    setTimeout(release.open, 300);
    await closing;
    expect(outcome).toEqual(['finished']);

    const reopened = await openQueue(target);
    cleanups.push(reopened.close);
    expect(await storedJobs(reopened.connection.db, 'test.slow')).toMatchObject([
      { id, state: 'completed', retryCount: 0 },
    ]);
  });

  it('gives back the job of a handler that outlasts the stop, and the next start runs it again', async () => {
    const target = await durableDatabase(kind);
    const first = await openQueue(target);
    const started = gate();
    let aborted = false;
    first.runner.queue.work(
      'test.slow',
      async (_data, job) => {
        started.open();
        // Never finishes on its own: only the stop's abort ends it.
        await new Promise<void>((resolve) => job.signal.addEventListener('abort', () => resolve()));
        aborted = true;
      },
      FAST,
    );
    await first.runner.startWorkers();
    const id = await first.runner.queue.send(first.connection.db, 'test.slow', { label: 'outlasts the stop' });
    await started.opened;
    await first.close();
    expect(aborted).toBe(true);

    const second = await openQueue(target);
    cleanups.push(second.close);
    expect(await storedJobs(second.connection.db, 'test.slow')).toMatchObject([{ id, state: 'retry' }]);
    const ran: number[] = [];
    second.runner.queue.work('test.slow', async (_data, job) => void ran.push(job.retryCount), FAST);
    await second.runner.startWorkers();
    await vi.waitFor(() => expect(ran).toEqual([1]), { timeout: 20_000, interval: 100 });
  });
});
