// What the benchmarks share: a PostgreSQL database of their own next to the admin URL, and a real
// Ecoute process on it, started as `npm start` would and stopped with SIGTERM.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = fileURLToPath(new URL('..', import.meta.url));
/** Where the benchmarks create and drop their databases. */
export const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The URL of `database` on the server of BENCH_ADMIN_URL. */
export function databaseUrl(database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops `database` if it is there and creates it empty. */
export async function recreateDatabase(database: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    await client.query(`drop database if exists ${database} with (force)`);
    await client.query(`create database ${database}`);
  });
}

/** The `p` quantile (0…1) of ascending `sorted`, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** What a load benchmark runs Ecoute with: a known admin password, and no submission rate limit. */
export const LOAD_ENV = {
  ECOUTE_ADMIN_PASSWORD: 'benchmark password',
  ECOUTE_SUBMIT_LIMIT_PER_IP: '100000000',
  ECOUTE_SUBMIT_LIMIT_PER_FORM: '100000000',
};

export interface EcouteProcess {
  port: number;
  database: string;
  /** More environment: credentials, limits. */
  env?: Record<string, string>;
  /** How long the first start may take (migrations may build indexes on a large database). */
  startSeconds?: number;
}

/**
 * Starts server/src/server.ts on the database, with BENCH_POOL_SIZE (10) connections and
 * BENCH_LOG_LEVEL (warn); BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles it.
 */
export async function startEcoute({ port, database, env, startSeconds = 20 }: EcouteProcess): Promise<ChildProcess> {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/src/server.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      DATABASE_URL: databaseUrl(database),
      DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '10',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      ECOUTE_SECRET: 'the benchmarks’ secret, long enough to seal tokens',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let waited = 0; waited < startSeconds * 1000 && child.exitCode === null; waited += 200) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error('the server did not start');
}

export async function stopEcoute(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

/** Fills `database` with `count` generated messages (bench/seed-messages.ts); returns the seconds it took. */
export function seedMessages(database: string, count: number): number {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/seed-messages.ts', '--yes', '--count', String(count), databaseUrl(database)],
    { cwd: root, stdio: 'inherit', env: { PATH: process.env.PATH } },
  );
  if (result.status !== 0) throw new Error('seeding failed');
  return (performance.now() - started) / 1000;
}
