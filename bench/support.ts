// What the benchmarks share: a PostgreSQL database of their own next to the admin URL, and a real
// Ecoute process on it, started as `npm start` would and stopped with SIGTERM.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../tests/support/app.ts';

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

/** The admin the benchmarks' Ecoute creates on a new database and signs in as. */
export const BENCH_ADMIN = { email: 'admin@localhost', password: 'benchmark password' };

/**
 * Whether `database` holds `count` messages seeded less than a day ago. Generated messages end at the
 * time of seeding, and pages look at the last days and weeks first: an older seed has aged and would
 * measure something else.
 */
async function holdsFreshSeed(database: string, count: number): Promise<boolean> {
  const exists = await withClient(adminUrl, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    return rowCount === 1;
  });
  if (!exists) return false;
  const ok = await withClient(databaseUrl(database), async (client) => {
    const { rows } = await client.query<{ n: number | null; fresh: boolean | null }>(
      `select case when to_regclass('messages') is not null then (select count(*)::int from messages) end as n,
              case when to_regclass('messages') is not null
                then (select max(created_at) > now() - interval '1 day' from messages) end as fresh`,
    );
    return rows[0]?.n === count && rows[0]?.fresh === true;
  });
  if (!ok) console.log(`${database} does not hold ${count} messages seeded within a day: seeding again`);
  return ok;
}

export interface SeededEcoute {
  url: string;
  server: ChildProcess;
  /** How long seeding took; undefined when the database was reused. */
  seedSeconds: number | undefined;
}

/**
 * Ecoute on `database` with `count` generated messages: the database made again and seeded unless
 * `reuse` finds such a seed there. The first start applies the migrations and creates the demo form
 * and the admin the seeder needs; the server is stopped while it seeds (its word folder would count
 * along) and started again after, as after a deployment (nothing of the seeding left in its memory).
 * Starts may take minutes: migrations may build indexes on a large database.
 */
export async function seededEcoute(
  database: string,
  count: number,
  { reuse = false, env = {} }: { reuse?: boolean; env?: Record<string, string> } = {},
): Promise<SeededEcoute> {
  const reused = reuse && (await holdsFreshSeed(database, count));
  if (!reused) await recreateDatabase(database);
  const port = await freePort();
  const start = () =>
    startEcoute({
      port,
      database,
      env: { ECOUTE_ADMIN_EMAIL: BENCH_ADMIN.email, ECOUTE_ADMIN_PASSWORD: BENCH_ADMIN.password, ...env },
      startSeconds: 300,
    });
  let server = await start();
  let seedSeconds: number | undefined;
  if (reused) {
    console.log(`reusing ${database} (${count.toLocaleString('en')} messages)`);
  } else {
    await stopEcoute(server);
    seedSeconds = seedMessages(database, count);
    server = await start();
  }
  return { url: `http://127.0.0.1:${port}`, server, seedSeconds };
}

/** After a run: the database dropped with --drop, else kept for --reuse (and how to drop it said). */
export async function dropOrKeep(database: string, drop: boolean | undefined): Promise<void> {
  if (drop) {
    await withClient(adminUrl, (client) => client.query(`drop database if exists ${database} with (force)`));
  } else {
    console.log(`kept ${database} for --reuse; drop it with: psql ${adminUrl} -c 'drop database ${database}'`);
  }
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
