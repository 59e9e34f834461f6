// Round-robin between concurrent submissions, in PostgreSQL's own terms (migrations/0023): a pick in a
// transaction that has not committed yet does not make the others wait. They are given the next
// members at once; only when every available member is being given a message does a pick wait, for
// the first in line, and it then gets that member. The rotation afterwards follows who was given one
// least recently. PostgreSQL only: PGlite has a single connection, so its transactions never overlap.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';

describe.skipIf(!databaseKinds.includes('postgres'))('round-robin between concurrent transactions', () => {
  let database: TestDatabase;
  let ecoute: RunningApp;
  let team: string;
  const clients: pg.Client[] = [];

  const ok = async (admin: AgentClient, method: string, path: string, body?: unknown) => {
    const response = await admin.request(method, path, body);
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.json)}`).toBeLessThan(300);
    return response.json;
  };
  /** A connection of its own, where a pick that would wait fails instead after a few seconds. */
  const connection = async () => {
    const client = new pg.Client({ connectionString: (database.target as { url: string }).url });
    await client.connect();
    await client.query(`set statement_timeout = '5s'`);
    clients.push(client);
    return client;
  };
  const pick = async (client: pg.Client) =>
    (await client.query<{ id: string | null }>('select round_robin_pick($1) as id', [team])).rows[0]!.id;

  beforeAll(async () => {
    database = await freshDatabase('postgres');
    ecoute = await startApp('postgres', {}, database);
    const admin = await signIn(ecoute.url, { email: 'admin@localhost', password: 'correct horse battery' });
    team = (await ok(admin, 'POST', '/api/v1/teams', { name: 'Support' })).id;
    for (const name of ['Ana', 'Bo', 'Cy']) {
      const { user } = await ok(admin, 'POST', '/api/v1/users', { email: `${name}@shop.example`, name, role: 'agent' });
      await ok(admin, 'POST', `/api/v1/teams/${team}/members`, { userId: user.id });
    }
  });
  afterAll(async () => {
    for (const client of clients) await client.end();
    await ecoute?.close();
    await database?.drop();
  });

  it('gives the next members at once while earlier picks are uncommitted, and waits only when all are taken', async () => {
    const [first, second, third, fourth, later] = await Promise.all(Array.from({ length: 5 }, connection));
    for (const client of [first, second, third, fourth]) await client!.query('begin');
    const given = [await pick(first!), await pick(second!), await pick(third!)];
    expect(new Set(given).size).toBe(3);
    expect(given).not.toContain(null);

    // Everyone is being given a message: the fourth pick waits (on a lock, not on a statement)…
    const waiting = pick(fourth!);
    await expect
      .poll(
        async () =>
          (
            await later!.query<{ waiting: boolean }>(
              `select count(*) > 0 as waiting from pg_stat_activity
               where wait_event_type = 'Lock' and query like 'select round_robin_pick%'`,
            )
          ).rows[0]!.waiting,
        { timeout: 4_000 },
      )
      .toBe(true);
    // …for the first in line, and gets that member once the first transaction commits.
    await first!.query('commit');
    expect(await waiting).toBe(given[0]);
    for (const client of [second, third, fourth]) await client!.query('commit');

    // Afterwards, the rotation goes on from who was given one least recently.
    expect([await pick(later!), await pick(later!), await pick(later!)]).toEqual([given[1], given[2], given[0]]);
  });
});
