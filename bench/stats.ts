// The managers' dashboard at scale on PostgreSQL: a real Ecoute process on a database of N generated
// messages (bench/seed-messages.ts, default 1,000,000, with teams and the dashboard's facts), signed in
// as the admin, sequential GET /api/v1/stats/overview for several periods, teams and an agent; prints
// p50/p95 against the target (p95 < 300 ms). The Customer Day report too (GET
// /api/v1/reports/customer-days and the live report of the next, the last and the one before the last
// Customer Day: a quarter each), against the same target.
//
//   node --import tsx bench/stats.ts [--count 1000000] [--requests 50] [--warm-up 5] [--reuse] [--drop]
//     [--only customer-day]
// --reuse keeps the database when it holds --count messages seeded within a day; --only runs the
// scenarios whose name contains it.
// Settings: BENCH_ADMIN_URL (postgres://postgres@127.0.0.1:5432/test, used to create the database),
// BENCH_DATABASE (ecoute_bench_stats), BENCH_POOL_SIZE (10), BENCH_LOG_LEVEL (warn).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { signIn } from '../tests/support/agent.ts';
import { BENCH_ADMIN, databaseUrl, percentile, dropOrKeep, seededEcoute, stopEcoute, withClient } from './support.ts';

const DATABASE = process.env.BENCH_DATABASE ?? 'ecoute_bench_stats';
const TARGET_MS = 300;

/**
 * Waits until the process has sealed the dashboard's rollup up to the last UTC midnight (the
 * `stats.seal` job it sends at start: all of it after an upgrade); the seconds it waited.
 */
async function rollupSealed(url: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { rows } = await withClient(url, (client) =>
      client.query<{ sealed: boolean }>(
        `select sealed_before >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC' as sealed
         from stats_rollup_horizon`,
      ),
    );
    if (rows[0]?.sealed) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

const dayBefore = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000000' },
      requests: { type: 'string', default: '50' },
      'warm-up': { type: 'string', default: '5' },
      reuse: { type: 'boolean', default: false },
      drop: { type: 'boolean', default: false },
      only: { type: 'string', default: '' },
    },
  });
  const count = Number(values.count);
  const requests = Number(values.requests);
  const warmUp = Number(values['warm-up']);
  const { url, server, seedSeconds } = await seededEcoute(DATABASE, count, { reuse: values.reuse });
  try {
    console.log(
      `the dashboard's rollup sealed ${(await rollupSealed(databaseUrl(DATABASE))).toFixed(0)} s after the start`,
    );
    const admin = await signIn(url, BENCH_ADMIN);
    const teams = (await admin.request('GET', '/api/v1/teams')).json.items as Array<{ id: string; name: string }>;
    const { rows: agents } = await withClient(databaseUrl(DATABASE), (client) =>
      client.query<{ id: string }>(`select id from users where role = 'agent' order by email limit 1`),
    );
    const customerDays = (await admin.request('GET', '/api/v1/reports/customer-days')).json.items as Array<{
      date: string;
      when: 'next' | 'past';
    }>;
    const [next, last, beforeLast] = customerDays;
    const allScenarios: Array<{ name: string; path: string }> = [
      { name: 'last 12 weeks (the default), all teams', path: '/api/v1/stats/overview?tz=Europe/Paris' },
      { name: 'last 12 weeks, as CSV', path: '/api/v1/stats/overview?tz=Europe/Paris&format=csv' },
      ...teams.map((team) => ({
        name: `a quarter, team ${team.name}`,
        path: `/api/v1/stats/overview?from=${dayBefore(91)}&teamId=${team.id}`,
      })),
      { name: 'a quarter, one agent', path: `/api/v1/stats/overview?from=${dayBefore(91)}&agentId=${agents[0]!.id}` },
      { name: 'a year, all teams', path: `/api/v1/stats/overview?from=${dayBefore(365)}` },
      { name: 'customer-day list', path: '/api/v1/reports/customer-days' },
      ...[
        { label: 'the next (this quarter so far)', day: next! },
        { label: 'the last', day: last! },
        { label: 'the one before the last', day: beforeLast! },
      ].map(({ label, day }) => ({
        name: `customer-day report, ${label} (${day.date}), live`,
        path: `/api/v1/reports/customer-days/${day.date}?version=live`,
      })),
    ];
    const scenarios = allScenarios.filter((scenario) => scenario.name.includes(values.only));
    const load = () =>
      loadavg()
        .map((value) => value.toFixed(2))
        .join(' ');
    console.log(`load average before: ${load()}`);
    const results = [];
    for (const scenario of scenarios) {
      const times: number[] = [];
      for (let i = 0; i < warmUp + requests; i++) {
        const started = performance.now();
        const response = await fetch(`${url}${scenario.path}`, { headers: { cookie: admin.cookie } });
        await response.text();
        if (response.status !== 200) throw new Error(`${scenario.path}: ${response.status}`);
        if (i >= warmUp) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const round = (ms: number) => Math.round(ms);
      const p95 = percentile(times, 0.95);
      const result = {
        scenario: scenario.name,
        'p50 ms': round(percentile(times, 0.5)),
        'p95 ms': round(p95),
        'max ms': round(times.at(-1)!),
        met: p95 < TARGET_MS ? 'yes' : 'NO',
      };
      console.log(`  ${result.scenario}: p50 ${result['p50 ms']} ms, p95 ${result['p95 ms']} ms`);
      results.push(result);
    }
    console.table(results);
    console.log(`load average after: ${load()}`);
    console.log(
      `${count.toLocaleString('en')} messages, ` +
        (seedSeconds === undefined ? 'reused' : `seeded (with facts) in ${seedSeconds.toFixed(0)} s`),
    );
  } finally {
    await stopEcoute(server);
    await dropOrKeep(DATABASE, values.drop);
  }
}

await main();
