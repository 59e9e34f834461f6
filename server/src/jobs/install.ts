// Installs the job queue on an embedded cluster without running anything: pg-boss's schema and the
// catalog's queues, as the build puts them in its migrated empty cluster (server/build-cluster.ts).
import type { PGlite } from '@electric-sql/pglite';
import { CATALOG } from './catalog.ts';
import { createJobQueue } from './queue.ts';

export async function installJobQueue(client: PGlite): Promise<void> {
  const runner = createJobQueue({
    engine: { kind: 'pglite', client },
    catalog: CATALOG,
    log: { warn: (details, message) => console.warn(message, details) },
    stopTimeoutSeconds: 1,
  });
  await runner.start();
  await runner.stop();
}
