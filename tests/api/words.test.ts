// The customers' own words through the API, on both databases: French and English stems shown as
// written, stop words removed, phrases of two and three words, rising against the period before,
// period edges, team and language filters, spam and agents' words left out, follow-ups counted, the
// inbox's `word` filter listing exactly the messages counted, the counts folded equal to a count from
// scratch at every step, and who may ask (managers) with bad input refused in the contract's shape.
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Words, WordCount } from '@ecoute/shared/words';
import { countWordsOfPeriod, findWordsOfPeriod, foldAllWords, spansOfDays } from '../../server/src/db/words.repo.ts';
import { wordsPeriod } from '../../server/src/domain/words-for-period.ts';
import { createAgent, signIn, type AgentClient } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeAgain, writeMessage, type CustomerSubmission } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';

const DAY = '2026-03-10';
const BEFORE = '2026-03-09';
const AFTER = '2026-03-11';

describe.each(databaseKinds)('the customers’ own words on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let manager: AgentClient;
  let agent: AgentClient;
  let billing: string;

  const ok = async (path: string, as: AgentClient = manager) => {
    const response = await as.request('GET', path);
    expect(response.status, `${path}: ${JSON.stringify(response.json)}`).toBe(200);
    return response.json;
  };
  const words = (query: string): Promise<Words> => ok(`/api/v1/stats/words?${query}`);
  /** Writes a message and dates it (created_at is when the customer wrote). */
  const write = async (submission: CustomerSubmission, at: string) => {
    const message = await writeMessage(ecoute.url, submission);
    await ecoute.app.db.execute(sql`update messages set created_at = ${at}::timestamptz where id = ${message.id}`);
    return message;
  };
  const byText = (list: WordCount[], text: string) => list.find((word) => word.text === text);
  const texts = (result: Words) => [...result.terms, ...result.phrases, ...result.rising].map((word) => word.text);

  /**
   * How many week and month rows word_counts holds, and how many rows are wrong: every week's and
   * month's row must be the sum of its days' rows (weeks from Monday, months from the 1st, in UTC) in
   * both tables, a term's count the sum over its written forms, and no row left at zero.
   */
  const spansSummary = async () => {
    const { rows } = await ecoute.app.db.execute<{ weeks: number; months: number; wrong: number }>(sql`
      with day_surfaces as (select * from word_surfaces where span = 'day'),
      expected_surfaces as (
        select term, 'day' as span, day, team_id, locale, surface, messages from day_surfaces
        union all
        select term, 'week', date_trunc('week', day::timestamp)::date, team_id, locale, surface, sum(messages)::int
        from day_surfaces group by 1, 2, 3, 4, 5, 6
        union all
        select term, 'month', date_trunc('month', day::timestamp)::date, team_id, locale, surface, sum(messages)::int
        from day_surfaces group by 1, 2, 3, 4, 5, 6
      ),
      expected_counts as (
        select span, day, team_id, locale, term, sum(messages)::int as messages
        from expected_surfaces group by 1, 2, 3, 4, 5
      ),
      wrong as (
        (select * from expected_surfaces except all select * from word_surfaces)
        union all (select * from word_surfaces except all select * from expected_surfaces)
        union all (select null, span, day, team_id, locale, term, messages from expected_counts
                   except all select null, span, day, team_id, locale, term, messages from word_counts)
        union all (select null, span, day, team_id, locale, term, messages from word_counts
                   except all select null, span, day, team_id, locale, term, messages from expected_counts)
      )
      select (select count(*)::int from word_counts where span = 'week') as weeks,
             (select count(*)::int from word_counts where span = 'month') as months,
             (select count(*)::int from wrong) + (select count(*)::int from word_surfaces where messages = 0)
               + (select count(*)::int from word_counts where messages = 0) as wrong`);
    return rows[0]!;
  };

  /** Every message behind a term, page after page, as the SPA's link lists them. */
  const messagesUsing = async (term: string, query: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = await ok(
        `/api/v1/messages?view=all&limit=2&word=${encodeURIComponent(term)}&${query}` +
          (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''),
      );
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  };

  /** What the API says equals the count from scratch, folded or not. */
  const expectExact = async (input: { from: string; to: string; teamId?: string; locale?: 'fr' | 'en' }) => {
    const period = wordsPeriod(input);
    const scratch = await countWordsOfPeriod(ecoute.app.db, period);
    expect(await findWordsOfPeriod(ecoute.app.db, period)).toEqual(scratch);
    await foldAllWords(ecoute.app.db);
    expect(await findWordsOfPeriod(ecoute.app.db, period)).toEqual(scratch);
  };

  beforeAll(async () => {
    ecoute = await startApp(kind);
    admin = await signIn(ecoute.url);
    manager = await createAgent(ecoute.url, admin, { email: 'mia@shop.example', name: 'Mia', role: 'manager' });
    agent = await createAgent(ecoute.url, admin, { email: 'alex@shop.example', name: 'Alex', role: 'agent' });
    billing = (await admin.request('POST', '/api/v1/teams', { name: 'Billing' })).json.id;

    const fr = (body: string, at = `${DAY}T12:00:00Z`) => write({ body, locale: 'fr' }, at);
    const en = (body: string, at = `${DAY}T12:00:00Z`) => write({ body, locale: 'en' }, at);
    await fr('Les livraisons sont en retard. Le colis est toujours attendu.');
    await fr('Je n’ai toujours pas reçu ma commande ! La livraison devait arriver lundi.');
    await fr('Livraison rapide, merci. Le remboursement est arrivé aussi.');
    await fr('Je demande un remboursement pour le colis abîmé.');
    await fr('Remboursement toujours attendu, et la livraison de ma commande aussi.');
    // Period edges: the last instant of the day before, the first of the day after.
    await fr('Un remboursement demandé hier soir.', `${BEFORE}T23:59:59.999Z`);
    await fr('Une facture en double ce matin.', `${AFTER}T00:00:00Z`);
    await fr('La facture est fausse.', `${DAY}T00:00:00Z`);
    await en('The delivery was late and the parcel was damaged.');
    await en('Delivery late again: where is my parcel?');
    await en('Deliveries are always late. I want a refund.');
    await en('My refund was promised last week.', `${BEFORE}T08:00:00Z`);
    // Spam: quarantined at once (the honeypot), its words never count.
    await writeMessage(ecoute.url, { body: 'Livraison gratuite casino bonus gratuit', locale: 'fr', website: 'x' });
  });
  afterAll(() => ecoute.close());

  it('counts French terms once per message, shown as customers wrote them, without stop words', async () => {
    const result = await words(`from=${DAY}&to=${DAY}&locale=fr`);
    expect(result).toMatchObject({ from: DAY, to: DAY, previousFrom: BEFORE, previousTo: BEFORE });
    // "livraisons" and "livraison" are one term (one stem), shown as most messages wrote it.
    expect(byText(result.terms, 'livraison')).toMatchObject({ words: 1, messages: 4, previousMessages: 0 });
    expect(byText(result.terms, 'livraisons')).toBeUndefined();
    expect(byText(result.terms, 'remboursement')).toMatchObject({ messages: 3, previousMessages: 1 });
    expect(byText(result.terms, 'colis')).toMatchObject({ messages: 2 });
    expect(byText(result.terms, 'facture')).toMatchObject({ messages: 1 });
    for (const stop of ['le', 'la', 'les', 'de', 'je', 'en', 'ma', 'un', 'est', 'the']) {
      expect(texts(result)).not.toContain(stop);
    }
    // Spam is not counted; nor the other language.
    expect(texts(result)).not.toContain('gratuite');
    expect(texts(result)).not.toContain('delivery');
    await expectExact({ from: DAY, to: DAY, locale: 'fr' });
  });

  it('counts phrases of two and three words, stop words between them shown, never across sentences', async () => {
    const result = await words(`from=${DAY}&to=${DAY}&locale=fr`);
    expect(byText(result.phrases, 'toujours attendu')).toMatchObject({ words: 2, messages: 2 });
    expect(byText(result.phrases, 'toujours pas reçu ma commande')).toMatchObject({ words: 3, messages: 1 });
    expect(byText(result.phrases, 'livraisons sont en retard')).toMatchObject({ words: 2, messages: 1 });
    // "…en retard. Le colis…": a sentence ends between them.
    expect(result.phrases.find((word) => word.text.includes('retard') && word.text.includes('colis'))).toBeUndefined();
  });

  it('counts English terms and phrases with English stems', async () => {
    const result = await words(`from=${DAY}&to=${DAY}&locale=en`);
    expect(byText(result.terms, 'delivery')).toMatchObject({ messages: 3 });
    expect(byText(result.terms, 'late')).toMatchObject({ messages: 3 });
    expect(byText(result.terms, 'parcel')).toMatchObject({ messages: 2 });
    // "delivery was late" and "delivery late": one phrase, its surfaces tied, the first alphabetically shown.
    expect(byText(result.phrases, 'delivery late')).toMatchObject({ words: 2, messages: 2 });
    expect(byText(result.phrases, 'delivery was late')).toBeUndefined();
    for (const stop of ['the', 'was', 'and', 'i', 'my', 'is', 'again']) expect(texts(result)).not.toContain(stop);
    await expectExact({ from: DAY, to: DAY, locale: 'en' });
  });

  it('ranks the rising terms against the period before, of the same length', async () => {
    const result = await words(`from=${DAY}&to=${DAY}`);
    const rising = result.rising.map((word) => word.text);
    expect(rising[0]).toBe('livraison');
    expect(byText(result.rising, 'remboursement')).toMatchObject({ messages: 3, previousMessages: 1 });
    expect(byText(result.rising, 'refund')).toBeUndefined(); // 1 then 1: not rising
    const week = await words(`from=2026-03-04&to=${DAY}`);
    expect(week).toMatchObject({ previousFrom: '2026-02-25', previousTo: '2026-03-03' });
    expect(byText(week.terms, 'remboursement')).toMatchObject({ messages: 4, previousMessages: 0 });
    await expectExact({ from: '2026-03-04', to: DAY });
  });

  it('keeps to the period’s days (UTC), both included', async () => {
    const day = await words(`from=${DAY}&to=${DAY}&locale=fr`);
    expect(byText(day.terms, 'facture')).toMatchObject({ messages: 1 });
    const next = await words(`from=${AFTER}&to=${AFTER}&locale=fr`);
    expect(next.terms.map((word) => word.text)).toEqual(expect.arrayContaining(['facture', 'double', 'matin']));
    expect(byText(next.terms, 'facture')).toMatchObject({ messages: 1, previousMessages: 1 });
    const both = await words(`from=${BEFORE}&to=${AFTER}&locale=fr`);
    expect(byText(both.terms, 'facture')).toMatchObject({ messages: 2 });
    expect(byText(both.terms, 'remboursement')).toMatchObject({ messages: 4 });
  });

  it('follows messages that move team, go to spam and back, and customers who write again', async () => {
    const moved = await write({ body: 'Ma facture de mars est incorrecte.', locale: 'fr' }, `${DAY}T15:00:00Z`);
    const patch = await admin.request('PATCH', `/api/v1/messages/${moved.id}`, { teamId: billing });
    expect(patch.status).toBe(200);
    const team = await words(`from=${DAY}&to=${DAY}&teamId=${billing}`);
    expect(team.terms.map((word) => word.text).sort()).toEqual(['facture', 'incorrecte', 'mars']);
    await expectExact({ from: DAY, to: DAY, teamId: billing });

    expect((await writeAgain(ecoute.url, moved.token, 'Et toujours aucune facture corrigée.')).status).toBe(201);
    const again = await words(`from=${DAY}&to=${DAY}&teamId=${billing}`);
    expect(byText(again.terms, 'facture')).toMatchObject({ messages: 1 });
    expect(byText(again.terms, 'corrigée')).toMatchObject({ messages: 1 });
    await expectExact({ from: DAY, to: DAY, teamId: billing });

    expect((await admin.request('POST', `/api/v1/messages/${moved.id}/spam`)).status).toBe(200);
    expect((await words(`from=${DAY}&to=${DAY}&teamId=${billing}`)).terms).toEqual([]);
    await expectExact({ from: DAY, to: DAY });
    expect((await admin.request('POST', `/api/v1/messages/${moved.id}/not-spam`)).status).toBe(200);
    expect(byText((await words(`from=${DAY}&to=${DAY}&teamId=${billing}`)).terms, 'mars')).toMatchObject({
      messages: 1,
    });
    await expectExact({ from: BEFORE, to: AFTER });
  });

  it('the inbox’s word filter lists exactly the messages each count stands for', async () => {
    for (const query of [`from=${DAY}&to=${DAY}`, `from=${DAY}&to=${DAY}&locale=fr`, `from=${BEFORE}&to=${AFTER}`]) {
      const result = await words(query);
      for (const word of [...result.terms, ...result.phrases, ...result.rising]) {
        const ids = await messagesUsing(word.term, query);
        expect(new Set(ids).size, `${word.text} (${query})`).toBe(word.messages);
      }
    }
  });

  it('keeps weeks and months equal to the sums of their days, and reads them as the days would', async () => {
    // The period is read as edge days, a whole month (February) and a whole week; the one before (19
    // December to 27 January) as days, a week and January but its last four days, taken back.
    const period = wordsPeriod({ from: '2026-01-28', to: '2026-03-08' });
    expect(period).toMatchObject({ previousFrom: '2025-12-19', previousTo: '2026-01-27' });
    const kinds = (from: string, to: string) =>
      new Set(spansOfDays(from, to).map((span) => `${span.sign < 0 ? '−' : '+'}${span.span}`));
    expect(kinds(period.from, period.to)).toEqual(new Set(['+day', '+week', '+month']));
    expect(kinds(period.previousFrom, period.previousTo)).toEqual(new Set(['+day', '+week', '+month', '−day']));
    const fr = (body: string, at: string) => write({ body, locale: 'fr' }, at);
    // "parapluie": three messages in the period (its first and last instants, a month's first), two
    // the period before (its last instant; a week across the new year).
    await fr('Mon parapluie est cassé.', '2026-01-28T00:00:00Z');
    await fr('Parapluie livré sans poignée.', '2026-02-01T00:00:00Z');
    await fr('Le parapluie rouge est arrivé.', '2026-03-08T23:59:59.999Z');
    await fr('Un parapluie trop petit.', '2025-12-31T10:00:00Z');
    await fr('Parapluie perdu par le transporteur.', '2026-01-27T23:59:59.999Z');
    await fr('Parapluie oublié, hors période.', '2026-03-09T00:00:00Z');
    await fr('Un parapluie hors période aussi.', '2025-12-18T23:59:59.999Z');
    await fr('La poignée du parapluie est cassée.', '2026-02-28T23:59:59.999Z');
    await write({ body: 'My umbrella broke on the first day.', locale: 'en' }, '2026-03-02T09:00:00Z');
    await write({ body: 'The umbrella handle broke again.', locale: 'en' }, '2026-01-01T00:00:00Z');
    // Moved to Billing, then to another week of the same month: the fold takes it back from the first.
    const moved = await fr('Poignée de parapluie cassée, remboursement demandé.', '2026-02-03T12:00:00Z');
    expect((await admin.request('PATCH', `/api/v1/messages/${moved.id}`, { teamId: billing })).status).toBe(200);
    await foldAllWords(ecoute.app.db);
    await ecoute.app.db.execute(sql`update messages set created_at = '2026-02-17T12:00:00Z' where id = ${moved.id}`);

    const result = await words(`from=${period.from}&to=${period.to}&locale=fr`);
    expect(byText(result.terms, 'parapluie')).toMatchObject({ messages: 5, previousMessages: 2 });
    expect(byText(result.terms, 'poignée')).toMatchObject({ messages: 3, previousMessages: 0 });
    const team = await words(`from=2026-02-16&to=2026-02-22&teamId=${billing}`);
    expect(byText(team.terms, 'parapluie')).toMatchObject({ messages: 1, previousMessages: 0 });
    const english = await words(`from=${period.from}&to=${period.to}&locale=en`);
    expect(byText(english.terms, 'umbrella')).toMatchObject({ messages: 1, previousMessages: 1 });

    for (const input of [
      { from: period.from, to: period.to },
      { from: period.from, to: period.to, locale: 'fr' as const },
      { from: '2026-02-01', to: '2026-02-28', teamId: billing },
      { from: '2025-12-29', to: '2026-03-08' },
    ]) {
      await expectExact(input);
      const folded = await findWordsOfPeriod(ecoute.app.db, wordsPeriod(input));
      expect(await findWordsOfPeriod(ecoute.app.db, wordsPeriod(input), 'day')).toEqual(folded);
      expect(await findWordsOfPeriod(ecoute.app.db, wordsPeriod(input), 'week')).toEqual(folded);
    }

    const summary = await spansSummary();
    expect(summary.wrong).toBe(0);
    expect(summary.weeks).toBeGreaterThan(0);
    expect(summary.months).toBeGreaterThan(0);
  });

  it('are backfilled by the migration from the rows of days kept before it', async () => {
    await foldAllWords(ecoute.app.db);
    const inputs = [
      { from: '2026-01-28', to: '2026-03-08' },
      { from: '2026-02-01', to: '2026-02-28', teamId: billing },
    ];
    const before = await Promise.all(inputs.map((input) => findWordsOfPeriod(ecoute.app.db, wordsPeriod(input))));
    const summary = await spansSummary();
    // The counts as migrations/0021 found them: one row per day and written form.
    await ecoute.app.db.execute(sql`create table word_counts_by_day as
      select day, team_id, locale, term, surface, messages from word_surfaces where span = 'day'`);
    await ecoute.app.db.execute(sql`truncate word_counts, word_surfaces`);
    const migration = await readFile(new URL('../../migrations/0021_word_spans.sql', import.meta.url), 'utf8');
    const backfill = migration
      .split('--> statement-breakpoint')
      .map((statement) => statement.replace(/^\s*(--.*\n)*/, '').trim())
      .filter((statement) => /^(INSERT INTO|DROP TABLE "word_counts_by_day")/.test(statement));
    expect(backfill).toHaveLength(3);
    for (const statement of backfill) await ecoute.app.db.execute(sql.raw(statement));
    expect(await spansSummary()).toEqual(summary);
    for (const [i, input] of inputs.entries()) {
      expect(await findWordsOfPeriod(ecoute.app.db, wordsPeriod(input))).toEqual(before[i]);
    }
    await expectExact(inputs[0]!);
  });

  it('are counted again from the messages by migrations/0026, whatever was folded before it', async () => {
    const inputs = [
      { from: '2026-01-28', to: '2026-03-08' },
      { from: BEFORE, to: AFTER },
    ];
    const scratch = await Promise.all(inputs.map((input) => countWordsOfPeriod(ecoute.app.db, wordsPeriod(input))));
    // Counts folded by another function: a term no message has now, a count off by one, a message
    // folded but no longer counted and one counted but not folded; and a message still queued.
    await foldAllWords(ecoute.app.db);
    const [team] = (await ecoute.app.db.execute<{ id: string }>(sql`select id from teams limit 1`)).rows;
    await ecoute.app.db.execute(sql`insert into word_surfaces (term, span, day, team_id, locale, surface, messages)
      select 'ete', s.span, s.day, ${team!.id}, 'fr', 'été', 1 from word_spans(${DAY}::date) s`);
    await ecoute.app.db.execute(sql`insert into word_counts (span, day, team_id, locale, term, messages)
      select s.span, s.day, ${team!.id}, 'fr', 'ete', 1 from word_spans(${DAY}::date) s`);
    await ecoute.app.db.execute(sql`update word_counts set messages = messages + 1
      where term = 'livraison' and span = 'day' and day = ${DAY}`);
    await ecoute.app.db.execute(
      sql`delete from word_folds where message_id = (select min(message_id::text)::uuid from word_folds)`,
    );
    await ecoute.app.db.execute(sql`insert into word_backlog (message_id) select id from messages limit 1`);
    const migration = await readFile(
      new URL('../../migrations/0026_stop_words_as_written.sql', import.meta.url),
      'utf8',
    );
    const recount = migration
      .split('--> statement-breakpoint')
      .map((statement) => statement.replace(/^\s*(--.*\n)*/, '').trim())
      .filter((statement) => !statement.startsWith('CREATE OR REPLACE FUNCTION'));
    expect(recount[1]).toMatch(/^TRUNCATE/);
    await ecoute.app.db.transaction(async (tx) => {
      for (const statement of recount) await tx.execute(sql.raw(statement));
    });
    const left = await ecoute.app.db.execute<{ backlog: number; stale: number; unfolded: number }>(sql`
      select (select count(*)::int from word_backlog) as backlog,
             (select count(*)::int from word_counts where term = 'ete') as stale,
             (select count(*)::int from messages m where m.status <> 'spam'
                and not exists (select 1 from word_folds f where f.message_id = m.id)) as unfolded`);
    expect(left.rows[0]).toEqual({ backlog: 0, stale: 0, unfolded: 0 });
    expect((await spansSummary()).wrong).toBe(0);
    for (const [i, input] of inputs.entries()) {
      expect(await findWordsOfPeriod(ecoute.app.db, wordsPeriod(input))).toEqual(scratch[i]);
      await expectExact(input);
    }
  });

  it('is for managers and admins; bad input is refused in the contract’s shape', async () => {
    expect((await admin.request('GET', `/api/v1/stats/words?from=${DAY}&to=${DAY}`)).status).toBe(200);
    expectApiError(await agent.request('GET', `/api/v1/stats/words?from=${DAY}&to=${DAY}`), 403);
    const anonymous = await fetch(`${ecoute.url}/api/v1/stats/words?from=${DAY}&to=${DAY}`);
    expect(anonymous.status).toBe(401);
    for (const query of [
      '',
      `from=${DAY}`,
      `from=2026-13-01&to=${DAY}`,
      `from=${DAY}&to=${BEFORE}`,
      `from=2024-01-01&to=${DAY}`,
      `from=${DAY}&to=${DAY}&teamId=nope`,
      `from=${DAY}&to=${DAY}&locale=de`,
    ]) {
      const response = await manager.request('GET', `/api/v1/stats/words?${query}`);
      expectApiError(response, 400);
    }
    const reversed = await manager.request('GET', `/api/v1/stats/words?from=${DAY}&to=${BEFORE}`);
    expect(reversed.json.error.fields).toHaveProperty('to');
    expectApiError(await manager.request('GET', '/api/v1/messages?view=all&word=a%20b%20c%20d'), 400);
  });
});
