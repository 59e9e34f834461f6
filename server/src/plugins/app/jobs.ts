// The job queue as a service: pg-boss on the database the database plugin opened, `fastify.jobs` to
// send and work jobs. Workers start once the app is ready (every route and decorator exists), and stop
// when it closes, before the database does: handlers in flight finish, or give their jobs back.
import fp from 'fastify-plugin';
import type { Jobs } from '../../jobs/catalog.ts';
import { createJobQueue, type JobMap, type JobQueue, type QueueCatalog } from '../../jobs/queue.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue<Jobs>;
  }
}

/** Under close-with-grace's 10 s (server.ts), so that the database still closes cleanly after. */
const STOP_TIMEOUT_SECONDS = 5;
/** After the app is ready: by then it is listening and has answered its first requests. */
const MAINTENANCE_DELAY_MS = 2_000;

export interface JobsOptions {
  /** The queues and their policies (server/src/jobs/catalog.ts). */
  catalog: QueueCatalog<JobMap>;
}

export default fp<JobsOptions>(
  async (fastify, opts) => {
    const runner = createJobQueue({
      engine: fastify.databaseEngine,
      catalog: opts.catalog,
      log: fastify.log,
      stopTimeoutSeconds: STOP_TIMEOUT_SECONDS,
    });
    // Tests may run queues of their own; the app's are CATALOG's, which `Jobs` types.
    fastify.decorate('jobs', runner.queue as unknown as JobQueue<Jobs>);
    // Awaited here, not left to run beside the start: a send must find pg-boss started (see queue.ts).
    await runner.start();
    fastify.addHook('onReady', async () => {
      await runner.startWorkers();
      // Maintenance waits until the app answers: its first passes would slow the first requests.
      setTimeout(() => {
        runner
          .startMaintenance()
          .catch((err) => fastify.log.error({ err }, 'the job queue maintenance could not start'));
      }, MAINTENANCE_DELAY_MS).unref();
    });
    // Fastify runs onClose hooks last-registered first: this one before the database plugin's.
    fastify.addHook('onClose', () => runner.stop());
  },
  { name: 'jobs', dependencies: ['database'] },
);
