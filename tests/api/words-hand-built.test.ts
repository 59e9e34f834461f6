// The customers' own words checked against answers worked out by hand from the README's definitions
// (not from customer_words(), which the other words suite shares with its rollup): French and English
// messages written for this file, every term and phrase of the period with its count written out,
// stems found with the Snowball rules (accents folded first), stop words from PostgreSQL's lists.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WordCount, Words } from '@ecoute/shared/words';
import { createAgent, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';

/** The period (two days) and the one before it, of the same length. */
const FROM = '2026-05-12';
const TO = '2026-05-13';
const PREVIOUS_FROM = '2026-05-10';
const PREVIOUS_TO = '2026-05-11';

/** What a list says, by the text shown: [messages in the period, in the period before, words]. */
type Counts = Record<string, [number, number, number]>;
const countsOf = (list: WordCount[]): Counts =>
  Object.fromEntries(list.map((word) => [word.text, [word.messages, word.previousMessages, word.words]]));

/**
 * French, in the period. Stems (unaccent, then Snowball French): livraison(s) → one stem; retard;
 * colis; toujours; attendues; délai, delai, délais → "del" (the "ai"/"ais" verb endings go); long(s);
 * trop; remboursement; abîmé, dépassés, demandé. Stop words (french.stop): les, le, de, du, ont, mes,
 * mon, est, en, pour, pas, sont.
 */
const FRENCH = [
  // Its first instant. "," ends the phrase: "retard de livraison" and "colis abîmé", nothing across.
  ['2026-05-12T00:00:00Z', 'Retard de livraison, colis abîmé.'],
  ['2026-05-12T10:00:00Z', 'Toujours du retard de livraison pour mes colis.'],
  // "." ends a phrase: "retard" then "Livraisons" are not "retard de livraison".
  ['2026-05-12T11:00:00Z', 'Les livraisons ont du retard. Livraisons toujours attendues !'],
  // A line break ends one too.
  ['2026-05-12T12:00:00Z', 'Mon colis est en retard\nlivraisons toujours attendues'],
  ['2026-05-13T09:00:00Z', 'Le délai de livraison est trop long.'],
  ['2026-05-13T10:00:00Z', 'Délais dépassés : remboursement demandé.'],
  // "remboursement" three times: one message.
  ['2026-05-13T11:00:00Z', 'Delai trop long ! Remboursement, remboursement, toujours pas de remboursement.'],
  // Its last instant.
  ['2026-05-13T23:59:59.999Z', 'Les délais de remboursement sont longs.'],
] as const;

/** French, the period before (its first instant, and a morning), and just outside both periods. */
const FRENCH_OTHERS = [
  ['2026-05-10T00:00:00Z', 'Remboursement reçu, merci.'],
  ['2026-05-11T09:00:00Z', 'Retard de la livraison du colis.'],
  ['2026-05-09T23:59:59.999Z', 'Livraison en retard, délai dépassé.'],
  ['2026-05-14T00:00:00Z', 'Retard de livraison encore.'],
] as const;

/**
 * English, in the period. Stems (Snowball English): money; back; charged, charging, charge → "charg";
 * refund(s); app(s); please → "pleas"; crash(ed); want; twice; still; keeps; take; forever; ask. Stop
 * words (english.stop): i, my, the, and, no, me, is, all, they, again.
 */
const ENGLISH = [
  ['2026-05-12T00:00:00Z', 'I want my money back.'],
  ['2026-05-12T09:00:00Z', 'Charged twice and still no refund.'],
  ['2026-05-12T15:00:00Z', 'The app keeps charging me. Money back, please.'],
  ['2026-05-13T08:00:00Z', 'Refunds take forever\nmoney back is all I ask'],
  ['2026-05-13T09:00:00Z', 'The apps crash.'],
  ['2026-05-13T10:00:00Z', 'App crashed, refund please.'],
  ['2026-05-13T23:59:59.999Z', 'They charge me again and again!'],
] as const;

const ENGLISH_OTHERS = [
  // The period before's last instant.
  ['2026-05-11T23:59:59.999Z', 'Refund please, the app crashed.'],
  ['2026-05-09T23:59:59.999Z', 'Refund refund.'],
  ['2026-05-14T00:00:00Z', 'Money back!'],
] as const;

/**
 * Every French term of the period. A count is of messages; the text is the form most messages wrote:
 * livraison 3 messages, livraisons 2; délais 2, délai 1, delai 1; long 2, longs 1. The period before
 * holds "Retard de la livraison du colis." and "Remboursement reçu, merci." (reçu and merci: none in
 * the period, so not listed); the messages outside both periods count nowhere.
 */
const FRENCH_TERMS: Counts = {
  livraison: [5, 1, 1],
  retard: [4, 1, 1],
  toujours: [4, 0, 1],
  délais: [4, 0, 1],
  colis: [3, 1, 1],
  long: [3, 0, 1],
  remboursement: [3, 1, 1],
  attendues: [2, 0, 1],
  trop: [2, 0, 1],
  abîmé: [1, 0, 1],
  dépassés: [1, 0, 1],
  demandé: [1, 0, 1],
};

/**
 * Every French phrase of the period: terms in a row within a sentence, the stop words between them
 * shown, from the first term to the last (so never "les" first). "retard de livraison" is in two
 * messages (the two others with both words have "." or a line break between them); the period
 * before's "retard de la livraison" counts as it. "livraisons toujours" is written the same in both
 * of its messages.
 */
const FRENCH_PHRASES: Counts = {
  'retard de livraison': [2, 1, 2],
  'livraisons toujours': [2, 0, 2],
  'toujours attendues': [2, 0, 2],
  'livraisons toujours attendues': [2, 0, 3],
  'trop long': [2, 0, 2],
  'colis abîmé': [1, 0, 2],
  'toujours du retard': [1, 0, 2],
  'livraison pour mes colis': [1, 1, 2],
  'toujours du retard de livraison': [1, 0, 3],
  'retard de livraison pour mes colis': [1, 1, 3],
  'livraisons ont du retard': [1, 0, 2],
  'colis est en retard': [1, 0, 2],
  'délai de livraison': [1, 0, 2],
  'livraison est trop': [1, 0, 2],
  'délai de livraison est trop': [1, 0, 3],
  'livraison est trop long': [1, 0, 3],
  'délais dépassés': [1, 0, 2],
  'remboursement demandé': [1, 0, 2],
  'delai trop': [1, 0, 2],
  'delai trop long': [1, 0, 3],
  'toujours pas de remboursement': [1, 0, 2],
  'délais de remboursement': [1, 0, 2],
  'remboursement sont longs': [1, 0, 2],
  'délais de remboursement sont longs': [1, 0, 3],
};

/**
 * Every English term of the period. "charge", "charged", "charging": one message each, the tie to
 * the first alphabetically; "refund" 2 messages, "refunds" 1; "crash" and "crashed" tied. The period
 * before: "Refund please, the app crashed."
 */
const ENGLISH_TERMS: Counts = {
  money: [3, 0, 1],
  back: [3, 0, 1],
  charge: [3, 0, 1],
  refund: [3, 1, 1],
  app: [3, 1, 1],
  please: [2, 1, 1],
  crash: [2, 1, 1],
  want: [1, 0, 1],
  twice: [1, 0, 1],
  still: [1, 0, 1],
  keeps: [1, 0, 1],
  take: [1, 0, 1],
  forever: [1, 0, 1],
  ask: [1, 0, 1],
};

/**
 * Every English phrase. "money back" in three messages (before a "," and a "." and at a line's
 * start); "app crashed" and "apps crash" tied (the first alphabetically in any collation).
 */
const ENGLISH_PHRASES: Counts = {
  'money back': [3, 0, 2],
  'app crashed': [2, 1, 2],
  'want my money': [1, 0, 2],
  'want my money back': [1, 0, 3],
  'charged twice': [1, 0, 2],
  'twice and still': [1, 0, 2],
  'still no refund': [1, 0, 2],
  'charged twice and still': [1, 0, 3],
  'twice and still no refund': [1, 0, 3],
  'app keeps': [1, 0, 2],
  'keeps charging': [1, 0, 2],
  'app keeps charging': [1, 0, 3],
  'refunds take': [1, 0, 2],
  'take forever': [1, 0, 2],
  'refunds take forever': [1, 0, 3],
  'back is all i ask': [1, 0, 2],
  'money back is all i ask': [1, 0, 3],
  'refund please': [1, 1, 2],
};

/**
 * A day of its own, away from the periods above: stop words written with accents, recognised as
 * written (README). French: j, ai, c, vous, nous, ils are stop words, and so are été, même, était,
 * êtes, étions and étaient (french.stop lists them accented, "Été" lower-cased first); où and là fold
 * to the stop words ou and la; déjà is not in the list, so it counts. English: the English list has
 * no même nor été, so there they are terms ("the", "was", "is", "over" are its stop words).
 */
const ACCENTED_STOP_WORDS_DAY = '2026-05-20';
const ACCENTED_STOP_WORDS = [
  ['fr', 'J’ai été remboursé, même si c’était long.'],
  ['fr', 'Vous êtes déjà venus où nous étions. Été comme hiver, ils étaient là.'],
  ['en', 'Même the café was closed: été is over.'],
] as const;
const ACCENTED_FRENCH_STOP_WORDS = ['été', 'même', 'était', 'êtes', 'étions', 'étaient', 'où', 'là'];

const FRENCH_STOP_WORDS = ['les', 'le', 'la', 'de', 'du', 'ont', 'mes', 'mon', 'est', 'en', 'pour', 'pas', 'sont'];
const ENGLISH_STOP_WORDS = ['i', 'my', 'the', 'and', 'no', 'me', 'is', 'all', 'they', 'again'];

describe.each(databaseKinds)('the customers’ own words against hand-built answers on %s', (kind) => {
  let ecoute: RunningApp;
  let manager: AgentClient;

  const words = async (query: string): Promise<Words> => {
    const response = await manager.request('GET', `/api/v1/stats/words?${query}`);
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    return response.json;
  };
  const write = async (locale: 'fr' | 'en', at: string, body: string) => {
    const message = await writeMessage(ecoute.url, { body, locale });
    // created_at is when the customer wrote: dated here, as the other words suite does.
    await ecoute.app.db.execute(sql`update messages set created_at = ${at}::timestamptz where id = ${message.id}`);
  };
  const texts = (result: Words) => [...result.terms, ...result.phrases, ...result.rising].map((word) => word.text);
  const rising = (result: Words) => result.rising.map((word) => word.text);

  beforeAll(async () => {
    ecoute = await startApp(kind);
    const admin = await signIn(ecoute.url);
    manager = await createAgent(ecoute.url, admin, { email: 'noor@shop.example', name: 'Noor', role: 'manager' });
    for (const [at, body] of [...FRENCH, ...FRENCH_OTHERS]) await write('fr', at, body);
    for (const [at, body] of [...ENGLISH, ...ENGLISH_OTHERS]) await write('en', at, body);
    for (const [locale, body] of ACCENTED_STOP_WORDS) await write(locale, `${ACCENTED_STOP_WORDS_DAY}T12:00:00Z`, body);
  });
  afterAll(() => ecoute.close());

  it('lists every French term and phrase with the counts worked out by hand', async () => {
    const result = await words(`from=${FROM}&to=${TO}&locale=fr`);
    expect(result).toMatchObject({ from: FROM, to: TO, previousFrom: PREVIOUS_FROM, previousTo: PREVIOUS_TO });
    expect(countsOf(result.terms)).toEqual(FRENCH_TERMS);
    expect(countsOf(result.phrases)).toEqual(FRENCH_PHRASES);
    // Most messages first (ties in an order the README leaves open).
    expect(result.terms.map((word) => word.messages)).toEqual([5, 4, 4, 4, 3, 3, 3, 2, 2, 1, 1, 1]);
    for (const stop of FRENCH_STOP_WORDS) expect(texts(result)).not.toContain(stop);
  });

  it('lists every English term and phrase with the counts worked out by hand', async () => {
    const result = await words(`from=${FROM}&to=${TO}&locale=en`);
    expect(countsOf(result.terms)).toEqual(ENGLISH_TERMS);
    expect(countsOf(result.phrases)).toEqual(ENGLISH_PHRASES);
    for (const stop of ENGLISH_STOP_WORDS) expect(texts(result)).not.toContain(stop);
  });

  it('counts both languages without a locale, and keeps to one with it', async () => {
    // 12 French and 14 English terms, no stem shared: all 26 fit the top 30.
    const both = await words(`from=${FROM}&to=${TO}`);
    expect(countsOf(both.terms)).toEqual({ ...FRENCH_TERMS, ...ENGLISH_TERMS });
    const french = await words(`from=${FROM}&to=${TO}&locale=fr`);
    expect(texts(french)).not.toContain('money');
    expect(texts(french)).not.toContain('money back');
  });

  it('ranks the rising ones by messages gained, then by count, against the period before', async () => {
    const french = rising(await words(`from=${FROM}&to=${TO}&locale=fr`));
    // Gained: livraison 5 − 1 = 4 (count 5); délais and toujours 4 − 0 (count 4); retard 4 − 1 = 3
    // (count 4), long 3 − 0 (count 3); colis and remboursement 3 − 1 = 2 (count 3).
    expect(french[0]).toBe('livraison');
    expect(french.slice(1, 3).sort()).toEqual(['délais', 'toujours']);
    expect(french.slice(3, 5)).toEqual(['retard', 'long']);
    expect(french.slice(5, 7).sort()).toEqual(['colis', 'remboursement']);

    const english = await words(`from=${FROM}&to=${TO}&locale=en`);
    // Gained 3 (count 3): money, back, charge, money back; then refund and app, 3 − 1.
    expect(rising(english).slice(0, 4).sort()).toEqual(['back', 'charge', 'money', 'money back']);
    expect(rising(english).slice(4, 6).sort()).toEqual(['app', 'refund']);
    // 31 English terms and phrases grew (all but "refund please", 1 then 1): the first 20 are listed.
    expect(english.rising).toHaveLength(20);
    for (const word of english.rising) expect(word.messages).toBeGreaterThan(word.previousMessages);
  });

  it('never counts stop words written with accents, in French; English keeps to its own list', async () => {
    const day = `from=${ACCENTED_STOP_WORDS_DAY}&to=${ACCENTED_STOP_WORDS_DAY}`;
    const french = await words(`${day}&locale=fr`);
    expect(countsOf(french.terms)).toEqual({
      remboursé: [1, 0, 1],
      si: [1, 0, 1],
      long: [1, 0, 1],
      déjà: [1, 0, 1],
      venus: [1, 0, 1],
      comme: [1, 0, 1],
      hiver: [1, 0, 1],
    });
    // A stop word between two terms still joins them, shown; "." and "," still end a phrase.
    expect(countsOf(french.phrases)).toEqual({
      'si c’était long': [1, 0, 2],
      'déjà venus': [1, 0, 2],
      'comme hiver': [1, 0, 2],
    });
    for (const stop of ACCENTED_FRENCH_STOP_WORDS) expect(texts(french)).not.toContain(stop);

    const english = await words(`${day}&locale=en`);
    expect(countsOf(english.terms)).toEqual({
      café: [1, 0, 1],
      closed: [1, 0, 1],
      même: [1, 0, 1],
      été: [1, 0, 1],
    });
    expect(countsOf(english.phrases)).toEqual({
      'café was closed': [1, 0, 2],
      'même the café': [1, 0, 2],
      'même the café was closed': [1, 0, 3],
    });
  });

  it('compares a one-day period with the day before', async () => {
    const result = await words(`from=${TO}&to=${TO}&locale=fr`);
    expect(result).toMatchObject({ previousFrom: FROM, previousTo: FROM });
    // 13 May: "Le délai de livraison…", "Délais dépassés…", "Delai trop long !…", "Les délais de
    // remboursement…"; 12 May: the four messages with "livraison(s)", none with délai or remboursement.
    expect(countsOf(result.terms)).toEqual({
      délais: [4, 0, 1],
      long: [3, 0, 1],
      remboursement: [3, 0, 1],
      trop: [2, 0, 1],
      livraison: [1, 4, 1],
      dépassés: [1, 0, 1],
      demandé: [1, 0, 1],
      toujours: [1, 3, 1],
    });
    expect(rising(result)).not.toContain('livraison');
  });
});
