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
  /** Jobs of this queue this process runs at once (default 1). */
  concurrency?: number;
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
  /** Starts the workers and schedules registered so far (the app is ready). */
  startWorkers(): Promise<void>;
  /** Stops fetching, waits for handlers in flight (up to the timeout), then lets go of the database. */
  stop(): Promise<void>;
}

/** No job has this id: looking it up fills pg-boss's queue cache outside any caller's transaction. */
const NO_JOB = '00000000-0000-0000-0000-000000000000';

/**
 * Starts pg-boss on the database (installing its schema, `pgboss`, when missing) and brings every
 * queue of the catalog to its declared policy.
 */
export async function startJobQueue<Jobs extends JobMap>(options: JobQueueOptions<Jobs>): Promise<JobRunner<Jobs>> {
  const boss = new PgBoss({
    ...(options.engine.kind === 'pglite'
      ? { db: fromPglite(options.engine.client), backend: 'pglite' as const }
      : { connectionString: options.engine.url, max: 2, application_name: 'ecoute-jobs' }),
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? 30,
    cronMonitorIntervalSeconds: options.cronIntervalSeconds ?? 30,
    // Nightly table maintenance is not ours to schedule on a small embedded database.
    reindex: false,
  });
  boss.on('error', (err) => options.log.warn({ err }, 'the job queue met an error'));
  await boss.start();
  try {
    await declareQueues(boss, options.catalog);
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }

  const workers = new Map<string, () => Promise<unknown>>();
  const schedules = new Map<string, { cron: string; data: JobData }>();
  let started = false;
  const assertNotStarted = (what: string) => {
    if (started) throw new Error(`${what} must be registered before the app is ready`);
  };

  const queue: JobQueue<Jobs> = {
    send: (db, name, data, sendOptions = {}) =>
      boss.send(name, data, {
        ...sendOptions,
        db: fromDrizzle(db, sql),
      }),
    work: (name, handler, workOptions = {}) => {
      assertNotStarted(`The worker of ${name}`);
      if (workers.has(name)) throw new Error(`The queue ${name} has a worker already: a queue has one handler.`);
      workers.set(name, () =>
        boss.work<Jobs[typeof name]>(
          name,
          {
            localConcurrency: workOptions.concurrency ?? 1,
            pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? 2,
          },
          async ([job]: Job<Jobs[typeof name]>[]) => {
            try {
              await handler(job!.data, { id: job!.id, retryCount: job!.retryCount, signal: job!.signal });
            } catch (err) {
              options.log.warn({ err, job: { name, id: job!.id, retryCount: job!.retryCount } }, 'a job failed');
              throw err;
            }
          },
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
    startWorkers: async () => {
      started = true;
      for (const schedule of await boss.getSchedules()) {
        if (!schedules.has(schedule.name)) await boss.unschedule(schedule.name, schedule.key);
      }
      for (const [name, { cron, data }] of schedules) await boss.schedule(name, cron, data, { tz: 'UTC' });
      for (const start of workers.values()) await start();
    },
    stop: () => boss.stop({ graceful: true, timeout: options.stopTimeoutSeconds * 1000 }),
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
