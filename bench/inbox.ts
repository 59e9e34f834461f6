// Reading the inbox at scale on PostgreSQL: a real Ecoute process on a database of N generated
// messages (bench/seed-messages.ts, default 1,000,000), signed in as the admin, sequential requests
// for the views, searches, counts and message pages; prints p50/p95/p99 against the targets
// (inbox and message pages p95 < 20 ms, search p95 < 100 ms).
//
//   node --import tsx bench/inbox.ts [--count 1000000] [--reuse] [--requests 300] [--warm-up 30] [--explain] [--drop]
// --reuse keeps `ecoute_bench_inbox` when it already holds --count messages seeded within the last
// day (seeding 1,000,000 takes minutes); --explain prints EXPLAIN (ANALYZE, BUFFERS) of the SQL
// behind each kind of request; --drop drops the database at the end (kept otherwise, for --reuse).
// Settings: BENCH_ADMIN_URL (postgres://postgres@127.0.0.1:5432/test, used to create the database),
// BENCH_DATABASE (ecoute_bench_inbox), BENCH_POOL_SIZE (10), BENCH_LOG_LEVEL (warn).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { findCommitments } from '../server/src/db/commitments.repo.ts';
import {
  countMessages,
  findCustomerMessages,
  findMessageDetail,
  listMessages,
  listTags,
  type ListInput,
} from '../server/src/db/inbox.repo.ts';
import { findTimeline } from '../server/src/db/timeline.repo.ts';
import type { Database } from '../server/src/db/client.ts';
import * as schema from '../server/src/db/schema/index.ts';
import { decodeCursor } from '../server/src/domain/cursor.ts';
import { signIn } from '../tests/support/agent.ts';
import { FRAGMENTS } from './message-fragments.ts';
import { BENCH_ADMIN, databaseUrl, percentile, dropOrKeep, seededEcoute, stopEcoute, withClient } from './support.ts';

const DATABASE = process.env.BENCH_DATABASE ?? 'ecoute_bench_inbox';
/** Pages walked to collect cursors for "a later page": pages 2 to 21. */
const LATER_PAGES = 20;

type Target = { p95Ms: number; label: string } | undefined;
const PAGE_TARGET: Target = { p95Ms: 20, label: 'p95 < 20 ms' };
const SEARCH_TARGET: Target = { p95Ms: 100, label: 'p95 < 100 ms' };

interface Scenario {
  name: string;
  /** Request paths, used in turn: several pages, terms or ids rather than one cached answer. */
  paths: string[];
  target: Target;
  /** What --explain replays through the repository functions to capture the SQL. */
  replay: (db: Database) => Promise<unknown>;
}

/** Everything the scenarios need from the data: ids, a reference, an order number, the admin. */
async function sampleData() {
  return withClient(databaseUrl(DATABASE), async (client) => {
    const { rows: ids } = await client.query<{ id: string }>(
      // A fixed sample spread over the whole table, in a fixed shuffled order.
      `select id from messages tablesample bernoulli (0.1) repeatable (7) order by md5(id::text) limit 1000`,
    );
    const { rows: known } = await client.query<{ reference: string; order_no: string }>(
      `select reference, substring(body from '\\d{7}') as order_no from messages
       where body ~ '\\d{7}' and status <> 'spam' order by created_at limit 1`,
    );
    const { rows: admins } = await client.query<{ id: string }>(`select id from users where lower(email) = $1`, [
      BENCH_ADMIN.email,
    ]);
    return { ids: ids.map((row) => row.id), ...known[0]!, adminId: admins[0]!.id };
  });
}

type Get = (path: string) => Promise<{ status: number; body: string; ms: number }>;

/** The cursors of pages 2 … LATER_PAGES + 1 of a view, walked like the SPA's "more" button. */
async function laterCursors(get: Get, query: string): Promise<string[]> {
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < LATER_PAGES; page++) {
    const path: string = `/api/v1/messages?${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await get(path);
    cursor = (JSON.parse(response.body) as { nextCursor: string | null }).nextCursor;
    if (!cursor) break;
    cursors.push(cursor);
  }
  return cursors;
}

const SEARCHES: Array<{ name: string; q: string }> = [
  { name: 'fr, common word', q: 'livraison' },
  { name: 'fr, two words', q: 'colis abîmé' },
  { name: 'fr, rare word', q: 'ornithorynque' },
  { name: 'fr, customer name', q: 'Dupont' },
  { name: 'en, common word', q: 'refund' },
  { name: 'en, phrase', q: '"app crashes"' },
  { name: 'en, rare word', q: 'platypus' },
];

/**
 * Different searches, each asked once: names, places, products and pairs of them, as agents type
 * them. Repeating one query keeps its rows cached; a stream of different ones reads more.
 */
function variedSearches(count: number): string[] {
  const lists = Object.values(FRAGMENTS);
  const singles = lists.flatMap((lists) => [
    ...lists.last_name!,
    ...lists.city!,
    ...lists.product_name!.map((name) => name.split(' ').at(-1)!),
  ]);
  const firstNames = lists.flatMap((lists) => lists.first_name!);
  const words = [...new Set(singles)];
  const terms = [...words];
  for (let i = 0; terms.length < count; i++) {
    terms.push(`${firstNames[i % firstNames.length]} ${words[(i * 7) % words.length]}`);
  }
  return terms.slice(0, count);
}

async function buildScenarios(get: Get, userId: string, requests: number): Promise<Scenario[]> {
  const data = await sampleData();
  const list = (input: Omit<ListInput, 'userId' | 'limit'>) => (db: Database) =>
    listMessages(db, { userId, limit: 50, ...input });
  const unansweredLater = await laterCursors(get, 'view=unanswered');
  const allLater = await laterCursors(get, 'view=all');
  const commonLater = await laterCursors(get, 'view=all&q=livraison');
  const searches = [...SEARCHES, { name: 'order number', q: data.order_no }, { name: 'reference', q: data.reference }];
  const at = (cursors: string[]) => cursors.at(-1)!;
  return [
    {
      name: 'counts',
      paths: ['/api/v1/messages/counts'],
      target: undefined,
      replay: (db) => countMessages(db, userId),
    },
    {
      name: 'tags (the filter list)',
      paths: ['/api/v1/tags'],
      target: undefined,
      replay: (db) => listTags(db),
    },
    {
      name: 'unanswered, first page',
      paths: ['/api/v1/messages?view=unanswered'],
      target: PAGE_TARGET,
      replay: list({ view: 'unanswered' }),
    },
    {
      name: `unanswered, pages 2–${unansweredLater.length + 1}`,
      paths: unansweredLater.map((cursor) => `/api/v1/messages?view=unanswered&cursor=${cursor}`),
      target: PAGE_TARGET,
      replay: list({ view: 'unanswered', cursor: decodeCursor(at(unansweredLater), { view: 'unanswered' }) }),
    },
    {
      name: 'all, first page',
      paths: ['/api/v1/messages?view=all'],
      target: PAGE_TARGET,
      replay: list({ view: 'all' }),
    },
    {
      name: `all, pages 2–${allLater.length + 1}`,
      paths: allLater.map((cursor) => `/api/v1/messages?view=all&cursor=${cursor}`),
      target: PAGE_TARGET,
      replay: list({ view: 'all', cursor: decodeCursor(at(allLater), { view: 'all' }) }),
    },
    {
      name: 'mine, first page',
      paths: ['/api/v1/messages?view=mine'],
      target: PAGE_TARGET,
      replay: list({ view: 'mine' }),
    },
    {
      name: 'overdue, first page',
      paths: ['/api/v1/messages?view=overdue'],
      target: PAGE_TARGET,
      replay: list({ view: 'overdue' }),
    },
    {
      name: 'tag "urgent", first page',
      paths: ['/api/v1/messages?view=all&tag=urgent'],
      target: PAGE_TARGET,
      replay: list({ view: 'all', tag: 'urgent' }),
    },
    ...searches.map(({ name, q }): Scenario => ({
      name: `search: ${name} (${q})`,
      paths: [`/api/v1/messages?view=all&q=${encodeURIComponent(q)}`],
      target: SEARCH_TARGET,
      replay: list({ view: 'all', q }),
    })),
    {
      name: `search: livraison, pages 2–${commonLater.length + 1}`,
      paths: commonLater.map((cursor) => `/api/v1/messages?view=all&q=livraison&cursor=${cursor}`),
      target: SEARCH_TARGET,
      replay: list({
        view: 'all',
        q: 'livraison',
        cursor: decodeCursor(at(commonLater), { view: 'all', q: 'livraison' }),
      }),
    },
    {
      name: 'search: a different term each time',
      paths: variedSearches(requests).map((q) => `/api/v1/messages?view=all&q=${encodeURIComponent(q)}`),
      target: SEARCH_TARGET,
      replay: list({ view: 'all', q: variedSearches(requests)[0]! }),
    },
    {
      name: 'message page (random ids)',
      paths: data.ids.map((id) => `/api/v1/messages/${id}`),
      target: PAGE_TARGET,
      replay: async (db) => {
        const row = await findMessageDetail(db, data.ids[0]!);
        return Promise.all([
          row?.customerEmail ? findCustomerMessages(db, row.customerEmail, row.id) : [],
          findTimeline(db, data.ids[0]!),
          findCommitments(db, { messageId: data.ids[0]! }),
        ]);
      },
    },
  ];
}

async function measure(get: Get, scenario: Scenario, requests: number, warmUp: number) {
  const times: number[] = [];
  for (let i = 0; i < warmUp + requests; i++) {
    const path = scenario.paths[i % scenario.paths.length]!;
    const { status, ms } = await get(path);
    if (status !== 200) throw new Error(`${path}: ${status}`);
    if (i >= warmUp) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 0.95);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    scenario: scenario.name,
    'p50 ms': round(percentile(times, 0.5)),
    'p95 ms': round(p95),
    'p99 ms': round(percentile(times, 0.99)),
    'max ms': round(times.at(-1)!),
    target: scenario.target?.label ?? '',
    met: scenario.target ? (p95 < scenario.target.p95Ms ? 'yes' : 'NO') : '',
  };
}

/** Replays each scenario through the repository with a logging drizzle, then explains what it sent. */
async function explain(scenarios: Scenario[]): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl(DATABASE), max: 2 });
  try {
    for (const scenario of scenarios) {
      const statements: Array<{ query: string; params: unknown[] }> = [];
      const db = drizzle(pool, {
        schema,
        logger: { logQuery: (query, params) => statements.push({ query, params }) },
      });
      await scenario.replay(db);
      for (const { query, params } of statements) {
        const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query}`, params);
        console.log(`\n### ${scenario.name}\n${query}\n-- ${JSON.stringify(params)}`);
        console.log(rows.map((row) => row['QUERY PLAN']).join('\n'));
      }
    }
  } finally {
    await pool.end();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000000' },
      requests: { type: 'string', default: '300' },
      'warm-up': { type: 'string', default: '30' },
      reuse: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      drop: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const requests = Number(values.requests);
  const warmUp = Number(values['warm-up']);
  const { url, server, seedSeconds } = await seededEcoute(DATABASE, count, { reuse: values.reuse });
  try {
    const agent = await signIn(url, BENCH_ADMIN);
    const get: Get = async (path) => {
      const started = performance.now();
      const response = await fetch(`${url}${path}`, { headers: { cookie: agent.cookie } });
      const body = await response.text();
      return { status: response.status, body, ms: performance.now() - started };
    };
    const scenarios = await buildScenarios(get, agent.user.id, warmUp + requests);
    // Other work on the machine shares its cores with the server and PostgreSQL: say how much.
    const load = () =>
      loadavg()
        .map((value) => value.toFixed(2))
        .join(' ');
    console.log(`load average before: ${load()}`);
    console.log(`${requests} sequential requests per row after ${warmUp} of warm-up…`);
    const results = [];
    for (const scenario of scenarios) {
      const result = await measure(get, scenario, requests, warmUp);
      console.log(`  ${result.scenario}: p50 ${result['p50 ms']} ms, p95 ${result['p95 ms']} ms`);
      results.push(result);
    }
    console.table(results);
    console.log(`load average after: ${load()}`);
    const size = await withClient(databaseUrl(DATABASE), (client) =>
      client.query<{ size: string }>(`select pg_size_pretty(pg_database_size(current_database())) as size`),
    );
    console.log(
      `${count.toLocaleString('en')} messages, database ${size.rows[0]!.size}` +
        (seedSeconds ? `, seeded in ${seedSeconds.toFixed(0)} s` : ''),
    );
    const missed = results.filter((row) => row.met === 'NO').map((row) => row.scenario);
    console.log(missed.length ? `targets NOT met: ${missed.join('; ')}` : 'all targets met');
    if (values.explain) await explain(scenarios);
  } finally {
    await stopEcoute(server);
    await dropOrKeep(DATABASE, values.drop);
  }
}

await main();
