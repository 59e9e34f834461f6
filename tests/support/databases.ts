// The databases every integration suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is
// set (and it must be when ECOUTE_REQUIRE_POSTGRES=1, as in CI). Each call gets a fresh database.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../../server/src/db/client.ts';

export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

const postgresUrl = process.env.TEST_DATABASE_URL;
if (process.env.ECOUTE_REQUIRE_POSTGRES === '1' && !postgresUrl) {
  throw new Error(
    'ECOUTE_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: the PostgreSQL suites cannot be skipped.',
  );
}

export const databaseKinds: Array<'pglite' | 'postgres'> = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

/** `survivesRestart`: PGlite in a directory of its own rather than in memory, so a second app can open it. */
export async function freshDatabase(
  kind: 'pglite' | 'postgres',
  { survivesRestart = false } = {},
): Promise<TestDatabase> {
  if (kind === 'pglite' && survivesRestart) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ecoute-test-'));
    return { target: { kind: 'pglite', dataDir }, drop: () => rm(dataDir, { recursive: true, force: true }) };
  }
  if (kind === 'pglite') return { target: { kind: 'pglite', dataDir: 'memory://' }, drop: async () => {} };
  const name = `ecoute_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString(), poolSize: 10 },
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
