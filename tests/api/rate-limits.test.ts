// The rate-limit counters every process shares: one statement counts a request and opens a new
// window when the last one ended, reading never counts, and ended windows are swept.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseConnection } from '../../server/src/db/client.ts';
import { countHit, deleteEndedWindows, readWindow } from '../../server/src/db/rate-limits.repo.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';

describe.each(databaseKinds)('rate-limit counters on %s', (kind) => {
  let database: TestDatabase;
  let connection: DatabaseConnection;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    connection = await openDatabase(database.target);
  });
  afterAll(async () => {
    await connection.close();
    await database.drop();
  });

  it('counts within a window, and starts again from one once it ended', async () => {
    const { db } = connection;
    expect(await readWindow(db, 'budget', 'key')).toBeUndefined();
    expect(await countHit(db, 'budget', 'key', 60_000)).toMatchObject({ hits: 1 });
    const second = await countHit(db, 'budget', 'key', 60_000);
    expect(second.hits).toBe(2);
    expect(second.ttlMs).toBeGreaterThan(50_000);
    expect(second.ttlMs).toBeLessThanOrEqual(60_000);
    // Reading does not count.
    expect(await readWindow(db, 'budget', 'key')).toMatchObject({ hits: 2 });
    expect(await readWindow(db, 'budget', 'key')).toMatchObject({ hits: 2 });
    // The same key in another budget is another counter.
    expect(await countHit(db, 'other budget', 'key', 60_000)).toMatchObject({ hits: 1 });

    const short = await countHit(db, 'budget', 'short', 50);
    expect(short.hits).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await readWindow(db, 'budget', 'short')).toBeUndefined();
    expect(await countHit(db, 'budget', 'short', 60_000)).toMatchObject({ hits: 1 });
  });

  it('keeps no key in clear, and sweeps only the windows that ended', async () => {
    const { db } = connection;
    await countHit(db, 'sweep', 'a tracking token', 60_000);
    await countHit(db, 'sweep', 'ended', 10);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { rows } = await db.execute<{ key: string }>(sql`select key from rate_limits`);
    expect(rows.some((row) => row.key.includes('token') || row.key.includes('sweep'))).toBe(false);
    expect(await deleteEndedWindows(db)).toBeGreaterThanOrEqual(1);
    expect(await readWindow(db, 'sweep', 'a tracking token')).toMatchObject({ hits: 1 });
    expect(await deleteEndedWindows(db)).toBe(0);
  });
});
