// The CSV export at scale on PostgreSQL: a real Ecoute process on a database of N generated messages
// (bench/seed-messages.ts, default 1,000,000 over two years), signed in as the admin, downloads a
// year of messages and of commitments, reading as fast as it can; prints rows per second against the
// target (≥ 20,000 rows/s) and the server's resident memory (sampled every 100 ms from /proc) before
// and at most during each export: flat memory means the maximum stays near the start.
//
//   node --import tsx bench/export.ts [--count 1000000] [--reuse] [--drop]
// --reuse keeps `ecoute_bench_export` when it already holds --count messages; --drop drops it at the end.
// Settings: BENCH_ADMIN_URL (postgres://postgres@127.0.0.1:5432/test, used to create the database),
// BENCH_DATABASE (ecoute_bench_export), BENCH_POOL_SIZE (10), BENCH_LOG_LEVEL (warn).
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { signIn } from '../tests/support/agent.ts';
import { BENCH_ADMIN, databaseUrl, dropOrKeep, seededEcoute, stopEcoute, withClient } from './support.ts';

const DATABASE = process.env.BENCH_DATABASE ?? 'ecoute_bench_export';
const TARGET_ROWS_PER_SECOND = 20_000;
const LF = 0x0a;

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

interface ExportResult {
  name: string;
  rows: number;
  expected: number;
  seconds: number;
  megabytes: number;
  rssBeforeMb: number;
  rssMaxMb: number;
}

/** Downloads one export, counting its records (every record ends with CRLF; bodies hold only LF). */
async function timeExport(
  name: string,
  url: string,
  cookie: string,
  server: ChildProcess,
  expected: number,
): Promise<ExportResult> {
  const rssBeforeMb = await rssMb(server.pid!);
  let rssMaxMb = rssBeforeMb;
  const sampler = setInterval(() => {
    void rssMb(server.pid!).then((mb) => (rssMaxMb = Math.max(rssMaxMb, mb)));
  }, 100);
  const started = performance.now();
  let records = 0;
  let bytes = 0;
  let previous = 0;
  try {
    const response = await fetch(url, { headers: { cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`${name}: ${response.status}`);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) {
        if (chunk[i] === LF && (i > 0 ? chunk[i - 1] : previous) === 0x0d) records++;
      }
      previous = chunk[chunk.length - 1] ?? previous;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  // The header row is a record too.
  return { name, rows: records - 1, expected, seconds, megabytes: bytes / 1e6, rssBeforeMb, rssMaxMb };
}

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000000' },
      reuse: { type: 'boolean', default: false },
      drop: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const { url: base, server } = await seededEcoute(DATABASE, count, { reuse: values.reuse });
  try {
    const agent = await signIn(base, BENCH_ADMIN);
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
    const period = `from=${from}&to=${to}`;
    const expected = await withClient(databaseUrl(DATABASE), async (client) => {
      const bounds = [`${from}T00:00:00Z`, `${to}T00:00:00Z`];
      const { rows } = await client.query<{ messages: number; commitments: number }>(
        `select (select count(*)::int from messages where created_at >= $1 and created_at < $2::timestamptz + interval '1 day') as messages,
                (select count(*)::int from commitments where created_at >= $1 and created_at < $2::timestamptz + interval '1 day') as commitments`,
        bounds,
      );
      return rows[0]!;
    });
    console.log(
      `load average before: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
    const results = [
      await timeExport(
        `messages, ${from} to ${to}`,
        `${base}/api/v1/exports/messages.csv?${period}&locale=en`,
        agent.cookie,
        server,
        expected.messages,
      ),
      await timeExport(
        `commitments, ${from} to ${to}`,
        `${base}/api/v1/exports/commitments.csv?${period}&locale=fr`,
        agent.cookie,
        server,
        expected.commitments,
      ),
    ];
    console.log(
      `load average after: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
    console.log('| export | rows (database) | seconds | rows/s | MB | server RSS before → max |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    let failed = false;
    for (const result of results) {
      const rate = result.rows / result.seconds;
      const ok =
        result.rows === result.expected && (result.name.startsWith('commitments') || rate >= TARGET_ROWS_PER_SECOND);
      failed ||= !ok;
      console.log(
        `| ${result.name} | ${result.rows.toLocaleString('en')} (${result.expected.toLocaleString('en')}) | ` +
          `${result.seconds.toFixed(1)} | ${Math.round(rate).toLocaleString('en')} | ${result.megabytes.toFixed(0)} | ` +
          `${result.rssBeforeMb.toFixed(0)} → ${result.rssMaxMb.toFixed(0)} MB |${ok ? '' : ' **not met**'}`,
      );
    }
    if (failed) process.exitCode = 1;
  } finally {
    await stopEcoute(server);
    await dropOrKeep(DATABASE, values.drop);
  }
}

await main();
