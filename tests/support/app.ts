// Starts a real Ecoute on a free loopback port, on a fresh database, for one test file.
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { freshDatabase, type TestDatabase } from './databases.ts';

/** The server's secret in every test app (PostgreSQL requires one): tests may derive tokens with it. */
export const TEST_SECRET = 'test secret: seals and derives the tokens emails carry';

export interface RunningApp {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * `database`: run on this one (a restart, a second process) and leave it when closing; by default a
 * fresh one, dropped when closing.
 */
export async function startApp(
  kind: 'pglite' | 'postgres' = 'pglite',
  env: Record<string, string> = {},
  database?: TestDatabase,
): Promise<RunningApp> {
  const port = await freePort();
  const owned = !database;
  database ??= await freshDatabase(kind);
  const config = {
    ...loadConfig({
      PORT: String(port),
      ECOUTE_ADMIN_PASSWORD: 'correct horse battery',
      ECOUTE_SECRET: TEST_SECRET,
      // Suites that are not about rate limits must not trip them; the rate-limit suite lowers these.
      ECOUTE_SUBMIT_LIMIT_PER_IP: '100000',
      ECOUTE_SUBMIT_LIMIT_PER_FORM: '100000',
      ...env,
    }),
    database: database.target,
  };
  const app = await buildApp({ config });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      if (owned) await database!.drop();
    },
  };
}
