// The job queue as a service: pg-boss on the database the database plugin opened, `fastify.jobs` to
// send and work jobs. Workers start once the app is ready (every route and decorator exists), and stop
// when it closes, before the database does: handlers in flight finish, or give their jobs back.
import fp from 'fastify-plugin';
import type { Jobs } from '../../jobs/catalog.ts';
import { startJobQueue, type JobMap, type JobQueue, type QueueCatalog } from '../../jobs/queue.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue<Jobs>;
  }
}

/** Under close-with-grace's 10 s (server.ts), so that the database still closes cleanly after. */
const STOP_TIMEOUT_SECONDS = 5;

export interface JobsOptions {
  /** The queues and their policies (server/src/jobs/catalog.ts). */
  catalog: QueueCatalog<JobMap>;
}

export default fp<JobsOptions>(
  async (fastify, opts) => {
    const runner = await startJobQueue({
      engine: fastify.databaseEngine,
      catalog: opts.catalog,
      log: fastify.log,
      stopTimeoutSeconds: STOP_TIMEOUT_SECONDS,
    });
    // Tests may run queues of their own; the app's are CATALOG's, which `Jobs` types.
    fastify.decorate('jobs', runner.queue as unknown as JobQueue<Jobs>);
    fastify.addHook('onReady', () => runner.startWorkers());
    // Fastify runs onClose hooks last-registered first: this one before the database plugin's.
    fastify.addHook('onClose', () => runner.stop());
  },
  { name: 'jobs', dependencies: ['database'] },
);
