// Opens the database: embedded PGlite in a locked data directory, or PostgreSQL when a URL is given.
// Both go through drizzle with the same schema, migrations and queries.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type pg from 'pg';
import { clusterSnapshot, migrationsDir } from '../paths.ts';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';

/** The advisory lock's key: any constant no other application on the database uses ("ecoute" in ASCII). */
const MIGRATIONS_LOCK = 0x65636f757465;

/** Both drivers expose the same query builder; node-postgres's type stands for both. */
export type Database = NodePgDatabase<typeof schema>;

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize: number }
  /** `memory://` keeps everything in memory (tests); a path is a locked on-disk directory. */
  | { kind: 'pglite'; dataDir: string };

/** What the job queue (pg-boss) runs on: the same PGlite instance, or the same PostgreSQL database. */
export type DatabaseEngine = { kind: 'postgres'; url: string } | { kind: 'pglite'; client: PGlite };

export interface DatabaseConnection {
  db: Database;
  engine: DatabaseEngine;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseEvents {
  /** Another process took the embedded database's directory lock. */
  onLockLost?: ((error: Error) => void) | undefined;
  /** An idle PostgreSQL connection died (server restart, network): the pool replaces it. */
  onConnectionError?: ((error: Error) => void) | undefined;
}

export async function openDatabase(target: DatabaseTarget, events: DatabaseEvents = {}): Promise<DatabaseConnection> {
  if (target.kind === 'postgres') {
    // Loaded only here: an embedded install never pays the tenth of a second node-postgres takes to load.
    const [{ default: pg }, { drizzle: drizzlePg }] = await Promise.all([
      import('pg'),
      import('drizzle-orm/node-postgres'),
    ]);
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize });
    // Without a listener, a connection the server drops while idle would crash the process.
    pool.on('error', (error) => events.onConnectionError?.(error));
    const db = drizzlePg(pool, { schema });
    try {
      await migrateUnderLock(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { db, engine: { kind: 'postgres', url: target.url }, ping: () => ping(db), close: () => pool.end() };
  }

  const inMemory = target.dataDir.startsWith('memory://');
  let unlock = async () => {};
  if (!inMemory) {
    const dataDir = path.resolve(target.dataDir);
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(
      dataDir,
      events.onLockLost ??
        ((error) => {
          throw error;
        }),
    );
  }
  try {
    const client = await startPglite(inMemory ? undefined : path.resolve(target.dataDir, 'pgdata'));
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    return {
      db,
      engine: { kind: 'pglite', client },
      ping: () => ping(db),
      close: async () => {
        await client.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

export interface PgliteStart {
  /** What a new cluster starts from: the build's migrated copy, another archive, or initdb (as the build does). */
  origin?: 'build' | 'initdb' | Blob;
  migrationsFolder?: string;
}

/**
 * PGlite on a cluster directory (in memory without one), its schema brought up to date. A directory
 * with no cluster yet starts from the empty, migrated cluster the build made (server/build-cluster.ts):
 * unpacking it takes about two seconds where initdb takes six. The migrations then apply whatever that
 * copy lacks, so a copy older than the migrations is still correct, only slower.
 */
export async function startPglite(
  clusterDir: string | undefined,
  { origin = 'build', migrationsFolder = migrationsDir }: PgliteStart = {},
): Promise<PGlite> {
  const isNew = !clusterDir || !existsSync(path.join(clusterDir, 'PG_VERSION'));
  const loadDataDir = !isNew || origin === 'initdb' ? undefined : origin === 'build' ? await readSnapshot() : origin;
  const client = await PGlite.create({
    ...(clusterDir ? { dataDir: clusterDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    // Search folds accents (migrations/0004): PostgreSQL ships unaccent in contrib, PGlite as this.
    extensions: { unaccent },
    // Every start sets up the shared buffers: PGlite's 128 MB cost a third of a second of each start,
    // 32 MB about a tenth, and hold the working set of an install one process serves (the files stay
    // in the operating system's cache beyond them).
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
  });
  try {
    await migratePglite(drizzlePglite(client), { migrationsFolder });
    return client;
  } catch (error) {
    await client.close();
    throw error;
  }
}

/** The build's migrated cluster, or nothing where it was not built (running from sources). */
async function readSnapshot(): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(clusterSnapshot)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Processes started together on one database take turns: the first applies the migrations, the
 * others then find nothing left to apply (without the lock they would race on `CREATE TABLE`). A
 * session-level lock on a connection of its own, released after; PostgreSQL also releases it if the
 * process dies holding it.
 */
async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const [{ drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const connection = await pool.connect();
  try {
    await connection.query('select pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    try {
      await migratePg(drizzlePg(connection), { migrationsFolder: migrationsDir });
    } finally {
      await connection.query('select pg_advisory_unlock($1)', [MIGRATIONS_LOCK]);
    }
  } finally {
    connection.release();
  }
}

async function ping(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
