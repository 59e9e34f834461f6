// The live inbox across processes on PostgreSQL: two Ecoute processes on one database, BENCH_STREAMS
// (500) event streams held open on process B, messages submitted on process A one after the other;
// for every message and every stream, the time from sending the submission to the event arriving
// on the stream. Prints p50/p99 (over all deliveries, and for the last stream to hear of each
// message) and process B's memory with no stream and with them all open.
//
//   node --import tsx bench/live-events.ts
// Settings: BENCH_STREAMS (500), BENCH_MESSAGES (200), BENCH_INTERVAL_MS (50, between submissions),
// BENCH_ADMIN_URL (postgres://postgres@127.0.0.1:5432/test, used to create and drop `ecoute_bench_live`).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { freePort } from '../tests/support/app.ts';
import { adminUrl, LOAD_ENV, startEcoute, stopEcoute, withClient } from './support.ts';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 500);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 200);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 50);
const DATABASE = 'ecoute_bench_live';
/** The events route lets one session open 60 streams a minute: the streams share sessions. */
const STREAMS_PER_SESSION = 50;

const rssKiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@localhost', password: LOAD_ENV.ECOUTE_ADMIN_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** Opens a stream; calls `onChange(messageId)` for each `change` event. Resolves once `ready` arrived. */
function openStream(port: number, cookie: string, onChange: (messageId: string) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/events',
        headers: { cookie, accept: 'text/event-stream' },
        agent: false,
      },
      (response) => {
        if (response.statusCode !== 200) return reject(new Error(`stream: ${response.statusCode}`));
        response.setEncoding('utf8');
        let buffer = '';
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.includes('event: ready')) resolve(request);
            if (!block.includes('event: change')) continue;
            const data = block.split('\n').find((line) => line.startsWith('data: '));
            if (data) onChange((JSON.parse(data.slice(6)) as { messageId: string }).messageId);
          }
        });
      },
    );
    request.on('error', reject);
  });
}

async function main() {
  await withClient(adminUrl, async (client) => {
    await client.query(`drop database if exists ${DATABASE} with (force)`);
    await client.query(`create database ${DATABASE}`);
  });
  const [portA, portB] = [await freePort(), await freePort()];
  const a = await startEcoute({ port: portA, database: DATABASE, env: LOAD_ENV });
  const b = await startEcoute({ port: portB, database: DATABASE, env: LOAD_ENV });
  const urlA = `http://127.0.0.1:${portA}`;
  const streams: http.ClientRequest[] = [];
  try {
    await sleep(3_000);
    const rssBefore = rssKiB(b.pid!);
    /** When each message's submission was sent, and when each stream received its event. */
    const sent = new Map<string, number>();
    const arrivals = new Map<string, number[]>();
    const onChange = (messageId: string) => {
      const at = performance.now();
      const times = arrivals.get(messageId);
      if (times) times.push(at);
      else arrivals.set(messageId, [at]);
    };
    const cookies: string[] = [];
    for (let i = 0; i < Math.ceil(STREAMS / STREAMS_PER_SESSION); i++)
      cookies.push(await signIn(`http://127.0.0.1:${portB}`));
    for (let i = 0; i < STREAMS; i += 25) {
      const batch = Array.from({ length: Math.min(25, STREAMS - i) }, (_, j) =>
        openStream(portB, cookies[Math.floor((i + j) / STREAMS_PER_SESSION)]!, onChange),
      );
      streams.push(...(await Promise.all(batch)));
    }
    await sleep(3_000);
    const rssOpen = rssKiB(b.pid!);

    for (let n = 0; n < MESSAGES; n++) {
      const started = performance.now();
      const response = await fetch(`${urlA}/api/v1/forms/demo/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body: `Live benchmark message ${n}: where is my parcel?`, fillMs: 30_000 }),
      });
      // The event often arrives before the answer is read: arrivals are matched to submissions after.
      sent.set(((await response.json()) as { id: string }).id, started);
      await sleep(INTERVAL_MS);
    }
    await sleep(3_000);
    const rssAfter = rssKiB(b.pid!);

    const latencies: number[] = [];
    const last: number[] = [];
    let complete = 0;
    for (const [id, started] of sent) {
      const times = arrivals.get(id) ?? [];
      if (times.length === STREAMS) complete++;
      latencies.push(...times.map((at) => at - started));
      if (times.length > 0) last.push(Math.max(...times) - started);
    }
    latencies.sort((x, y) => x - y);
    last.sort((x, y) => x - y);
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log(
      `streams on process B: ${STREAMS}; messages submitted on process A: ${MESSAGES}, ${INTERVAL_MS} ms apart`,
    );
    console.log(
      `deliveries: ${latencies.length} of ${STREAMS * MESSAGES}; messages every stream heard of: ${complete}`,
    );
    console.log(
      `submission → event, every delivery: p50 ${fmt(percentile(latencies, 0.5))}, p99 ${fmt(percentile(latencies, 0.99))}, max ${fmt(latencies.at(-1)!)}`,
    );
    console.log(
      `submission → event on the last of the ${STREAMS} streams: p50 ${fmt(percentile(last, 0.5))}, p99 ${fmt(percentile(last, 0.99))}`,
    );
    console.log(
      `process B RSS: ${(rssBefore / 1024).toFixed(1)} MiB without streams, ${(rssOpen / 1024).toFixed(1)} MiB with ${STREAMS} ` +
        `(${((rssOpen - rssBefore) / STREAMS).toFixed(1)} KiB each), ${(rssAfter / 1024).toFixed(1)} MiB after the messages`,
    );
  } finally {
    for (const stream of streams) stream.destroy();
    await Promise.all([stopEcoute(a), stopEcoute(b)]);
    await withClient(adminUrl, (client) => client.query(`drop database if exists ${DATABASE} with (force)`));
  }
}

await main();
