// The exports' cursor on both databases: batches of the asked size in order, other queries answered
// while an export is half read (PGlite has one session: a transaction held there would stop them),
// and the cursor closed when the reader stops early or reaches the end.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInBatches } from '../../server/src/db/exports.repo.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';

describe.each(databaseKinds)('the export cursor on %s', (kind) => {
  let ecoute: RunningApp;
  const numbers = sql`select n, 'row ' || n from generate_series(1, 7) n order by n`;
  // The export's cursors only: pg_cursors also lists the protocol's portals, PGlite's query among them.
  const openCursors = async () =>
    (
      await ecoute.app.db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_cursors where name like 'export_rows%'`,
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    ecoute = await startApp(kind);
  });
  afterAll(() => ecoute.close());

  it('reads every row, in batches of the size asked, as arrays', async () => {
    const batches: unknown[][][] = [];
    for await (const batch of readInBatches(ecoute.app.db, numbers, 3)) batches.push(batch);
    expect(batches).toEqual([
      [
        [1, 'row 1'],
        [2, 'row 2'],
        [3, 'row 3'],
      ],
      [
        [4, 'row 4'],
        [5, 'row 5'],
        [6, 'row 6'],
      ],
      [[7, 'row 7']],
    ]);
    expect(await openCursors()).toBe(0);
  });

  it('lets other queries run while half read, and closes the cursor when the reader stops', async () => {
    const batches = readInBatches(ecoute.app.db, numbers, 2);
    expect((await batches.next()).value).toEqual([
      [1, 'row 1'],
      [2, 'row 2'],
    ]);
    // On PGlite this counts the export's own cursor, on PostgreSQL (another connection) none.
    const answered = await Promise.race([
      openCursors(),
      new Promise((resolve) => setTimeout(() => resolve('held'), 5_000)),
    ]);
    expect(answered).toBe(kind === 'pglite' ? 1 : 0);
    await batches.return(undefined);
    expect(await openCursors()).toBe(0);
  });
});
