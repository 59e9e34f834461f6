// Opens the database: embedded PGlite in a locked data directory, or PostgreSQL when a URL is given.
// Both go through drizzle with the same schema, migrations and queries.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { migrationsDir as migrationsFolder } from '../paths.ts';
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

export interface DatabaseConnection {
  db: Database;
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
    return { db, ping: () => ping(db), close: () => pool.end() };
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
    const client = await PGlite.create({
      ...(inMemory ? {} : { dataDir: path.resolve(target.dataDir, 'pgdata') }),
      // Search folds accents (migrations/0003): PostgreSQL ships unaccent in contrib, PGlite as this.
      extensions: { unaccent },
    });
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    await migratePglite(drizzlePglite(client), { migrationsFolder });
    return {
      db,
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

/**
 * Processes started together on one database take turns: the first applies the migrations, the
 * others then find nothing left to apply (without the lock they would race on `CREATE TABLE`). A
 * session-level lock on a connection of its own, released after; PostgreSQL also releases it if the
 * process dies holding it.
 */
async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const connection = await pool.connect();
  try {
    await connection.query('select pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    try {
      await migratePg(drizzlePg(connection), { migrationsFolder });
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
