// Makes server/dist/cluster.tar.gz: an empty embedded cluster with every migration applied and the job
// queue's schema and queues installed. A first start on a new data directory unpacks it instead of
// running initdb, the migrations and pg-boss's install, which is most of what a first start used to
// cost (db/client.ts). Rebuilt when the migrations, the job catalog or the dependencies change.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startPglite } from './src/db/client.ts';
import { installJobQueue } from './src/jobs/install.ts';
import { clusterSnapshot } from './src/paths.ts';

const client = await startPglite(undefined, { origin: 'initdb' });
try {
  await installJobQueue(client);
  const archive = await client.dumpDataDir('gzip');
  await mkdir(path.dirname(clusterSnapshot), { recursive: true });
  await writeFile(clusterSnapshot, Buffer.from(await archive.arrayBuffer()));
} finally {
  await client.close();
}
