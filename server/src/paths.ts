// Where the process finds what lives beside its code: the migrations, the embedded database's
// migrated empty cluster, the built web assets and the stylesheet of our own pages. This file (server/src/paths.ts) and the compiled bundle
// (server/dist/server.js) both sit two levels under the repository root, so one relative URL serves both.
import { fileURLToPath } from 'node:url';

const fromRoot = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

export const migrationsDir = fromRoot('migrations');
export const clusterSnapshot = fromRoot('server/dist/cluster.tar.gz');
export const widgetDir = fromRoot('web/dist');
export const spaDir = fromRoot('web/dist/app');
export const pagesAssetsDir = fromRoot('server/src/pages/assets');
