// The durable job queue: pg-boss on Ecoute's own database (the same PGlite instance, or the same
// PostgreSQL), behind a small typed interface. A job is sent inside the caller's transaction, so it
// exists if and only if that transaction commits; a handler that throws is retried with backoff.
import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss, type Job } from 'pg-boss';
import type { DatabaseEngine } from '../db/client.ts';
import type { Db } from '../db/transaction.ts';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
/** What a job carries: plain JSON, stored as it is sent (a Date would come back a string, so it cannot be sent). */
export type JobData = { [key: string]: Json };
/** Job names and the data each carries (a `type`, not an `interface`, so that it checks as JSON). */
export type JobMap = Record<string, JobData>;
export type JobName<Jobs extends JobMap> = keyof Jobs & string;

/** How a queue treats its jobs: declared once per queue (server/src/jobs/catalog.ts). */
export interface QueuePolicy {
  /** Attempts after the first; then the job fails for good (and stays listed as failed). */
  retryLimit: number;
  /** Wait before the first retry, doubling (with jitter) on each later one up to `retryDelayMaxSeconds`. */
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  /**
   * How long one attempt may run. Past it the attempt counts as failed and the job is retried: this is
   * also how a job whose process died (killed, crashed) comes back, so keep it close to what a job needs.
   */
  expireInSeconds: number;
  /** `exclusive`: at most one job per `singletonKey` waits or runs at a time; sending another makes none. */
  policy?: 'standard' | 'exclusive';
}

export type QueueCatalog<Jobs extends JobMap> = { [Name in JobName<Jobs>]: QueuePolicy };

export interface SendOptions {
  /** The job's id (a UUID): sending the same id again makes no second job for as long as the first is kept. */
  id?: string;
  /** On an `exclusive` queue, the key a second job waiting or running at the same time would share. */
  singletonKey?: string;
  /** Not before this moment. */
  startAfter?: Date;
  /** Overrides the queue's `retryLimit` for this job. */
  retryLimit?: number;
}

export interface JobContext {
  id: string;
  /** 0 on the first attempt, then 1, 2… */
  retryCount: number;
  /** Aborted when the attempt expires or the queue stops before the handler finished. */
  signal: AbortSignal;
}

/** Runs one job. Throwing fails this attempt: the job is retried per its queue's policy. */
export type JobHandler<Data> = (data: Data, job: JobContext) => Promise<void>;

export interface WorkOptions {
  /** Workers of this queue in this process (default 1). */
  concurrency?: number;
  /**
   * Jobs one worker takes at a time and runs together (default 1). While it finds a full batch it
   * takes the next at once instead of waiting for the next poll, so a backlog drains at full speed.
   */
  batchSize?: number;
  /** How often an idle worker looks for new jobs (default 2 s). */
  pollingIntervalSeconds?: number;
}

export interface JobQueue<Jobs extends JobMap> {
  /**
   * Enqueues a job in `db`'s transaction (or alone on the database itself): rolled back with it, savepoints
   * included. Resolves to the job's id, or null when `id` or `singletonKey` made it a duplicate.
   */
  send<Name extends JobName<Jobs>>(db: Db, name: Name, data: Jobs[Name], options?: SendOptions): Promise<string | null>;
  /** Registers the one handler of a queue. Workers start when the app is ready, never before. */
  work<Name extends JobName<Jobs>>(name: Name, handler: JobHandler<Jobs[Name]>, options?: WorkOptions): void;
  /**
   * Sends `data` to `name` on a cron expression (minutes, UTC): one job per tick however many processes
   * share the database, which then runs on one of them. A schedule no process declares any more is removed.
   */
  schedule<Name extends JobName<Jobs>>(name: Name, cron: string, data: Jobs[Name]): void;
}

export interface JobLog {
  warn(details: object, message: string): void;
}

export interface JobQueueOptions<Jobs extends JobMap> {
  engine: DatabaseEngine;
  catalog: QueueCatalog<Jobs>;
  log: JobLog;
  /** How long stopping waits for handlers in flight before giving their jobs back (failed, so retried). */
  stopTimeoutSeconds: number;
  /** How often expired attempts (a dead process's jobs among them) are looked for (default 30 s). */
  superviseIntervalSeconds?: number;
  /** How often schedules are looked at (default 30 s; a tick is sent by the first look after it). */
  cronIntervalSeconds?: number;
}

/** The queue with its lifecycle, which only the plugin that owns it sees. */
export interface JobRunner<Jobs extends JobMap> {
  queue: JobQueue<Jobs>;
  /**
   * Starts pg-boss on the database (installing its schema, `pgboss`, when missing) and brings every
   * queue of the catalog to its declared policy. Once, and before the first `send`.
   */
  start(): Promise<void>;
  /** Starts pg-boss if need be, then the workers and schedules registered so far (the app is ready). */
  startWorkers(): Promise<void>;
  /** Starts expiring attempts that ran too long and sending the schedules' ticks (the app answers). */
  startMaintenance(): Promise<void>;
  /** Stops fetching, waits for handlers in flight (up to the timeout), then lets go of the database. */
  stop(): Promise<void>;
}

/** No job has this id: looking it up fills pg-boss's queue cache outside any caller's transaction. */
const NO_JOB = '00000000-0000-0000-0000-000000000000';

export function createJobQueue<Jobs extends JobMap>(options: JobQueueOptions<Jobs>): JobRunner<Jobs> {
  const { engine } = options;
  const on = (max: number) =>
    engine.kind === 'pglite'
      ? { db: fromPglite(engine.client), backend: 'pglite' as const }
      : { connectionString: engine.url, max, application_name: 'ecoute-jobs' };
  // Sends and works jobs, and installs or migrates pg-boss's schema: what the app needs before it answers.
  const boss = new PgBoss({ ...on(2), schedule: false, supervise: false, reindex: false });
  // Expires attempts (a dead process's jobs among them) and sends the schedules' ticks: started once the
  // app answers, as its first passes cost more than the rest of pg-boss's start.
  const keeper = new PgBoss({
    ...on(1),
    migrate: false,
    // The pass that finds expired attempts runs on the supervise timer, at most once per monitor interval.
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? 30,
    monitorIntervalSeconds: options.superviseIntervalSeconds ?? 30,
    cronMonitorIntervalSeconds: options.cronIntervalSeconds ?? 30,
    // Index rebuilds are not ours to schedule on a small embedded database.
    reindex: false,
  });
  for (const instance of [boss, keeper]) {
    instance.on('error', (err) => options.log.warn({ err }, 'the job queue met an error'));
  }

  let starting: Promise<void> | undefined;
  let started = false;
  let maintaining: Promise<void> | undefined;
  let stopping = false;
  const start = () =>
    (starting ??= (async () => {
      try {
        await boss.start();
        await declareQueues(boss, options.catalog);
      } catch (error) {
        await boss.stop({ graceful: false }).catch(() => {});
        throw error;
      }
      started = true;
    })());

  const workers = new Map<string, () => Promise<unknown>>();
  const schedules = new Map<string, { cron: string; data: JobData }>();
  let workersStarted = false;
  const assertNotStarted = (what: string) => {
    if (workersStarted) throw new Error(`${what} must be registered before the app is ready`);
  };

  const queue: JobQueue<Jobs> = {
    send: async (db, name, data, sendOptions = {}) => {
      // Not started on demand: on PGlite's one connection, starting inside the caller's transaction would
      // wait for that transaction to end, which waits for this send.
      if (!started) throw new Error('The job queue has not started: no job can be sent yet.');
      return boss.send(name, data, { ...sendOptions, db: fromDrizzle(db, sql) });
    },
    work: (name, handler, workOptions = {}) => {
      assertNotStarted(`The worker of ${name}`);
      if (workers.has(name)) throw new Error(`The queue ${name} has a worker already: a queue has one handler.`);
      const run = async (job: Job<Jobs[typeof name]>) => {
        try {
          await handler(job.data, { id: job.id, retryCount: job.retryCount, signal: job.signal });
        } catch (err) {
          options.log.warn({ err, job: { name, id: job.id, retryCount: job.retryCount } }, 'a job failed');
          throw err;
        }
      };
      const batchSize = workOptions.batchSize ?? 1;
      const polling = {
        localConcurrency: workOptions.concurrency ?? 1,
        pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? 2,
      };
      workers.set(name, () =>
        batchSize === 1
          ? boss.work<Jobs[typeof name]>(name, polling, async ([job]: Job<Jobs[typeof name]>[]) => run(job!))
          : // Each job of a batch succeeds or fails on its own, and is retried on its own.
            boss.work<Jobs[typeof name]>(
              name,
              { ...polling, batchSize, burstWhenBatchFull: true, perJobResults: true },
              async (jobs: Job<Jobs[typeof name]>[]) =>
                Promise.all(
                  jobs.map(async (job) =>
                    run(job).then(
                      () => ({ id: job.id, status: 'completed' as const }),
                      (err: Error) => ({ id: job.id, status: 'failed' as const, output: { message: err.message } }),
                    ),
                  ),
                ),
            ),
      );
    },
    schedule: (name, cron, data) => {
      assertNotStarted(`The schedule of ${name}`);
      schedules.set(name, { cron, data });
    },
  };

  return {
    queue,
    start,
    startMaintenance: async () => {
      await start();
      if (!stopping) maintaining ??= keeper.start().then(() => {});
      await maintaining;
    },
    startWorkers: async () => {
      workersStarted = true;
      await start();
      for (const schedule of await boss.getSchedules()) {
        if (!schedules.has(schedule.name)) await boss.unschedule(schedule.name, schedule.key);
      }
      for (const [name, { cron, data }] of schedules) await boss.schedule(name, cron, data, { tz: 'UTC' });
      for (const startWorker of workers.values()) await startWorker();
    },
    stop: async () => {
      stopping = true;
      // A start in flight finishes first (pg-boss's stop waits for it too); a failed one left nothing to stop.
      const running = await starting?.then(
        () => true,
        () => false,
      );
      if (!running) return;
      if (maintaining) await keeper.stop({ graceful: false });
      await boss.stop({ graceful: true, timeout: options.stopTimeoutSeconds * 1000 });
    },
  };
}

/** Creates the queues missing, updates those whose policy changed: a restart with nothing new does neither. */
async function declareQueues<Jobs extends JobMap>(boss: PgBoss, catalog: QueueCatalog<Jobs>): Promise<void> {
  const existing = new Map((await boss.getQueues()).map((queue) => [queue.name, queue]));
  for (const [name, policy] of Object.entries(catalog) as Array<[string, QueuePolicy]>) {
    const wanted = {
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: policy.retryDelayMaxSeconds,
      expireInSeconds: policy.expireInSeconds,
    };
    const current = existing.get(name);
    if (!current) {
      await boss.createQueue(name, { ...wanted, policy: policy.policy ?? 'standard' });
    } else if ((current.policy ?? 'standard') !== (policy.policy ?? 'standard')) {
      throw new Error(`The queue ${name} exists with the policy ${current.policy}: a policy cannot change in place.`);
    } else if (Object.entries(wanted).some(([key, value]) => current[key as keyof typeof wanted] !== value)) {
      await boss.updateQueue(name, wanted);
    } else {
      continue;
    }
    // Creating or updating a queue drops it from pg-boss's cache, which `send` would then refill with a
    // query of its own: outside the caller's transaction, which on PGlite's one connection waits forever.
    await boss.findJobs(name, { id: NO_JOB });
  }
}
