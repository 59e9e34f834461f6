// Search folds accents both ways, in French and in English, and keeps its ranking; and the migration
// that brought it recomputes the search of messages already stored.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseTarget } from '../../server/src/db/client.ts';
import { signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeMessage, type WrittenMessage } from '../support/customer.ts';
import { databaseKinds, freshDatabase } from '../support/databases.ts';

describe.each(databaseKinds)('accent-insensitive search on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  beforeAll(async () => {
    ecoute = await startApp(kind);
    admin = await signIn(ecoute.url);
  });
  afterAll(() => ecoute.close());

  const write = (body: string, locale: 'fr' | 'en') => writeMessage(ecoute.url, { body, locale });
  async function search(q: string): Promise<string[]> {
    const response = await admin.request('GET', `/api/v1/messages?view=all&limit=100&q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    return response.json.items.map((item: { id: string }) => item.id);
  }

  describe('in French', () => {
    let velo: WrittenMessage;
    let cafe: WrittenMessage;
    let eleve: WrittenMessage;
    beforeAll(async () => {
      velo = await write('Mon vélo électrique est arrivé sans sa batterie.', 'fr');
      cafe = await write('Le café de la boutique était froid.', 'fr');
      eleve = await write("Mon fils est eleve de terminale et n'a pas reçu son colis.", 'fr');
    });

    it('finds accented words from unaccented searches', async () => {
      expect(await search('velo')).toEqual([velo.id]);
      expect(await search('electrique')).toEqual([velo.id]);
      expect(await search('cafe')).toEqual([cafe.id]);
      expect(await search('recu')).toEqual([eleve.id]);
    });

    it('finds unaccented words from accented searches, by their stem', async () => {
      expect(await search('élève')).toEqual([eleve.id]);
      expect(await search('élèves')).toEqual([eleve.id]);
      expect(await search('Vélo ÉLECTRIQUE')).toEqual([velo.id]);
    });
  });

  describe('in English', () => {
    let cafe: WrittenMessage;
    let resume: WrittenMessage;
    beforeAll(async () => {
      cafe = await write('The café near the station sold out of our naïve blend.', 'en');
      resume = await write('I sent my resume twice and heard nothing.', 'en');
    });

    it('finds accented words from unaccented searches', async () => {
      expect(await search('cafe naive')).toEqual([cafe.id]);
    });

    it('finds unaccented words from accented searches, by their stem', async () => {
      expect(await search('résumés')).toEqual([resume.id]);
    });
  });

  it('keeps the ranking: the message with the word most often comes first, accents or not', async () => {
    const once = await write('Un crème brûlée en dessert.', 'fr');
    const often = await write('Creme brulee, crème brûlée, CRÈME BRÛLÉE : la meilleure crème brûlée !', 'fr');
    expect(await search('creme brulee')).toEqual([often.id, once.id]);
    expect(await search('crème brûlée')).toEqual([often.id, once.id]);
  });
});

/** A copy of the migrations folder that stops before `tag`: the database as it was before it. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'ecoute-migrations-'));
  cpSync(path.resolve(import.meta.dirname, '../../migrations'), folder, { recursive: true });
  const journalPath = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const index = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(index).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, index);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

const STORED_BEFORE = sql`
  with form as (insert into forms (key, name) values ('old', 'Old') returning id)
  insert into messages (form_id, reference, tracking_token_hash, body, locale, status)
  select id, 'EC-OLD1', 'old-1', 'Le vélo de mon élève', 'fr', 'unanswered' from form
  union all select id, 'EC-OLD2', 'old-2', 'A naïve café owner', 'en', 'unanswered' from form`;

describe.each(databaseKinds)('the accent-insensitive search migration on %s', (kind) => {
  const folder = migrationsBefore('0004_accent_insensitive_search');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  // An on-disk PGlite, created twice, takes a while on a busy machine.
  it('recomputes the search of the messages already stored', { timeout: 120_000 }, async () => {
    let target: DatabaseTarget;
    let drop = async () => {};
    if (kind === 'pglite') {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'ecoute-unaccent-'));
      const client = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata'), extensions: { unaccent } });
      await migratePglite(drizzlePglite(client), { migrationsFolder: folder });
      await drizzlePglite(client).execute(STORED_BEFORE);
      await client.close();
      target = { kind: 'pglite', dataDir };
      drop = async () => rmSync(dataDir, { recursive: true, force: true });
    } else {
      const database = await freshDatabase('postgres');
      target = database.target;
      drop = database.drop;
      const pool = new pg.Pool({ connectionString: (target as { url: string }).url });
      await migratePg(drizzlePg(pool), { migrationsFolder: folder });
      await drizzlePg(pool).execute(STORED_BEFORE);
      await pool.end();
    }

    const connection = await openDatabase(target);
    try {
      const found = async (config: string, q: string) => {
        const { rows } = await connection.db.execute<{ reference: string }>(
          sql`select reference from messages where search @@ websearch_to_tsquery(${config}::regconfig, ${q})
              order by reference`,
        );
        return rows.map((row) => row.reference);
      };
      expect(await found('french_unaccent', 'velo eleve')).toEqual(['EC-OLD1']);
      expect(await found('english_unaccent', 'naive cafe')).toEqual(['EC-OLD2']);
    } finally {
      await connection.close();
      await drop();
    }
  });
});
