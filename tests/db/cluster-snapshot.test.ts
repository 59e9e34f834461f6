// The embedded database's first start unpacks the migrated empty cluster the build made instead of
// running initdb, the migrations and the job queue's install: the cluster it gives must be the one those
// give, a copy
// older than the migrations must still end up current, and a directory started from it must keep
// its data across a restart.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { startPglite } from '../../server/src/db/client.ts';
import { installJobQueue } from '../../server/src/jobs/install.ts';
import { clusterSnapshot, migrationsDir } from '../../server/src/paths.ts';

/** Every table, column, index, constraint and applied migration (the job queue's included): what two clusters must share. */
async function shape(client: PGlite): Promise<unknown> {
  const query = async (text: string) => (await client.query(text)).rows;
  return {
    columns: await query(
      `select table_schema, table_name, column_name, data_type, is_nullable, column_default
         from information_schema.columns where table_schema not in ('pg_catalog', 'information_schema')
        order by 1, 2, 3`,
    ),
    indexes: await query(`select schemaname, indexname, indexdef from pg_indexes
                           where schemaname not in ('pg_catalog') order by 1, 2`),
    constraints: await query(`select conname, pg_get_constraintdef(oid) as def from pg_constraint
                               where connamespace not in ('pg_catalog'::regnamespace) order by 1, 2`),
    configurations: await query(`select cfgname from pg_ts_config order by 1`),
    migrations: await query(`select hash, created_at from drizzle.__drizzle_migrations order by id`),
  };
}

const scratch = await mkdtemp(path.join(tmpdir(), 'ecoute-cluster-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the migrated cluster made at build time', () => {
  it('exists after the build, and gives the cluster initdb, the migrations and the job queue give', async () => {
    expect((await readFile(clusterSnapshot)).length).toBeGreaterThan(100_000);
    const fromSnapshot = await startPglite(undefined);
    const fromInitdb = await startPglite(undefined, { origin: 'initdb' });
    try {
      await installJobQueue(fromInitdb);
      const jobSchema = `select version, (select count(*)::int from pgboss.queue) as queues from pgboss.version`;
      expect((await fromSnapshot.query(jobSchema)).rows).toEqual((await fromInitdb.query(jobSchema)).rows);
      expect(await shape(fromSnapshot)).toEqual(await shape(fromInitdb));
    } finally {
      await fromSnapshot.close();
      await fromInitdb.close();
    }
  });

  it('is brought up to date when migrations newer than it exist', async () => {
    // A snapshot built before the last migration: what a tree whose migrations changed after its
    // build would hold. Made from a copy of the migrations without the last one.
    const olderMigrations = path.join(scratch, 'older-migrations');
    await cp(migrationsDir, olderMigrations, { recursive: true });
    const journalPath = path.join(olderMigrations, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: unknown[] };
    journal.entries.pop();
    await writeFile(journalPath, JSON.stringify(journal));
    const older = await startPglite(undefined, { origin: 'initdb', migrationsFolder: olderMigrations });
    const migratedOlder = path.join(scratch, 'migrated');
    try {
      const archive = await older.dumpDataDir('gzip');
      await writeFile(path.join(scratch, 'older.tar.gz'), Buffer.from(await archive.arrayBuffer()));
      expect((await older.query(`select count(*)::int as n from drizzle.__drizzle_migrations`)).rows).toEqual([
        { n: journal.entries.length },
      ]);
    } finally {
      await older.close();
    }
    // A new directory started from the older cluster, with today's migrations, gets the missing one.
    const reopened = await startPglite(migratedOlder, {
      origin: new Blob([await readFile(path.join(scratch, 'older.tar.gz'))]),
    });
    const current = await startPglite(undefined, { origin: 'initdb' });
    try {
      expect(await shape(reopened)).toEqual(await shape(current));
    } finally {
      await reopened.close();
      await current.close();
    }
  });

  it('keeps what a directory started from it stores across a restart', async () => {
    const dir = path.join(scratch, 'kept');
    const first = await startPglite(dir);
    await first.query(`insert into forms (key, name, allowed_origins) values ('kept', 'Kept', '{}')`);
    await first.close();
    const again = await startPglite(dir);
    try {
      expect((await again.query(`select key from forms where key = 'kept'`)).rows).toEqual([{ key: 'kept' }]);
    } finally {
      await again.close();
    }
  });
});
