// The customers' own words at scale on PostgreSQL: a real Ecoute process on a database of N generated
// messages (bench/seed-messages.ts, default 1,000,000, its words counted by the seeder), signed in as
// the admin, sequential GET /api/v1/stats/words for quarters (91 days, as between Customer Days),
// each language and all, a different quarter each time; prints p50/p95/p99 against the target
// (a quarter p95 < 500 ms).
//
//   node --import tsx bench/words.ts [--count 1000000] [--reuse] [--requests 60] [--warm-up 5] [--verify] [--drop]
// --reuse keeps `ecoute_bench_words` when it already holds --count messages; --verify also counts one
// quarter from the messages themselves and checks the API said the same; --drop drops the database
// at the end. Settings: BENCH_ADMIN_URL, BENCH_DATABASE (ecoute_bench_words), BENCH_POOL_SIZE, BENCH_LOG_LEVEL.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database } from '../server/src/db/client.ts';
import * as schema from '../server/src/db/schema/index.ts';
import { countWordsOfPeriod } from '../server/src/db/words.repo.ts';
import { wordsPeriod } from '../server/src/domain/words-for-period.ts';
import { signIn } from '../tests/support/agent.ts';
import { BENCH_ADMIN, databaseUrl, percentile, dropOrKeep, seededEcoute, stopEcoute, withClient } from './support.ts';

const DATABASE = process.env.BENCH_DATABASE ?? 'ecoute_bench_words';
const TARGET_MS = 500;
const DAY_MS = 86_400_000;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/** `count` quarters of 91 days ending on different days of the last year, newest first. */
function quarters(count: number): Array<{ from: string; to: string }> {
  return Array.from({ length: count }, (_, i) => {
    const end = Date.now() - ((i * 7) % 270) * DAY_MS;
    return { from: dayOf(end - 90 * DAY_MS), to: dayOf(end) };
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000000' },
      requests: { type: 'string', default: '60' },
      'warm-up': { type: 'string', default: '5' },
      reuse: { type: 'boolean', default: false },
      verify: { type: 'boolean', default: false },
      drop: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const requests = Number(values.requests);
  const warmUp = Number(values['warm-up']);
  const { url, server } = await seededEcoute(DATABASE, count, { reuse: values.reuse });
  try {
    const agent = await signIn(url, BENCH_ADMIN);
    const get = async (path: string) => {
      const started = performance.now();
      const response = await fetch(`${url}${path}`, { headers: { cookie: agent.cookie } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body}`);
      return { body, ms: performance.now() - started };
    };
    const load = () =>
      loadavg()
        .map((value) => value.toFixed(2))
        .join(' ');
    console.log(`load average before: ${load()}`);
    const results = [];
    for (const [name, locale] of [
      ['a quarter, every language', ''],
      ['a quarter, French', 'fr'],
      ['a quarter, English', 'en'],
    ] as const) {
      const times: number[] = [];
      const periods = quarters(warmUp + requests);
      for (const [i, period] of periods.entries()) {
        const { ms } = await get(
          `/api/v1/stats/words?from=${period.from}&to=${period.to}${locale ? `&locale=${locale}` : ''}`,
        );
        if (i >= warmUp) times.push(ms);
      }
      times.sort((a, b) => a - b);
      const round = (ms: number) => Math.round(ms * 10) / 10;
      const p95 = percentile(times, 0.95);
      results.push({
        scenario: name,
        'p50 ms': round(percentile(times, 0.5)),
        'p95 ms': round(p95),
        'p99 ms': round(percentile(times, 0.99)),
        'max ms': round(times.at(-1)!),
        met: p95 < TARGET_MS ? 'yes' : 'NO',
      });
      console.log(`  ${name}: p50 ${results.at(-1)!['p50 ms']} ms, p95 ${round(p95)} ms`);
    }
    console.table(results);
    console.log(`load average after: ${load()}`);
    const sizes = await withClient(databaseUrl(DATABASE), (client) =>
      client.query<{ rows: string; size: string }>(
        `select (select count(*) from word_counts)::text as rows, pg_size_pretty(pg_total_relation_size('word_counts')) as size`,
      ),
    );
    console.log(`word_counts: ${sizes.rows[0]!.rows} rows, ${sizes.rows[0]!.size}`);
    if (values.verify) {
      const [quarter] = quarters(1);
      const api = JSON.parse((await get(`/api/v1/stats/words?from=${quarter!.from}&to=${quarter!.to}`)).body);
      const pool = new pg.Pool({ connectionString: databaseUrl(DATABASE), max: 1 });
      try {
        const db = drizzle(pool, { schema }) as Database;
        const scratch = await countWordsOfPeriod(db, wordsPeriod(quarter!));
        const same =
          JSON.stringify(scratch) === JSON.stringify({ terms: api.terms, phrases: api.phrases, rising: api.rising });
        console.log(
          `the API ${same ? 'equals' : 'DIFFERS FROM'} the count from the messages for ${quarter!.from}…${quarter!.to}`,
        );
        if (!same) process.exitCode = 1;
      } finally {
        await pool.end();
      }
    }
    const missed = results.filter((row) => row.met === 'NO');
    console.log(missed.length ? `target NOT met: ${missed.map((row) => row.scenario).join('; ')}` : 'target met');
  } finally {
    await stopEcoute(server);
    await dropOrKeep(DATABASE, values.drop);
  }
}

await main();
