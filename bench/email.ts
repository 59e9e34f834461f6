// Emails through the queue to a local SMTP server: a real Ecoute process on PostgreSQL takes
// BENCH_EMAILS (1,000) submissions that each leave an address, as fast as 16 connections send them;
// the acknowledgements go through pg-boss and nodemailer to an SMTP server in this process. Prints how
// fast submissions were answered (the email is a job, not a send, so it must not slow them), emails
// per second at the mail server, and how long each customer waited for their email (p50, p95, max).
//
//   node --import tsx bench/email.ts
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { freePort } from '../tests/support/app.ts';
import { startSmtpSink } from '../tests/support/smtp-sink.ts';
import { adminUrl, LOAD_ENV, startEcoute, stopEcoute, withClient } from './support.ts';

const EMAILS = Number(process.env.BENCH_EMAILS ?? 1000);
const DATABASE = 'ecoute_bench_email';

await withClient(adminUrl, async (client) => {
  await client.query(`drop database if exists ${DATABASE} with (force)`);
  await client.query(`create database ${DATABASE}`);
});
const sink = await startSmtpSink();
const port = await freePort();
const server = await startEcoute({
  port,
  database: DATABASE,
  env: { ...LOAD_ENV, SMTP_URL: sink.url },
});
try {
  const sentAt = new Map<string, number>();
  let n = 0;
  const started = performance.now();
  const api = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 16,
    amount: EMAILS,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/forms/demo/messages',
        setupRequest: (request: autocannon.Request) => {
          const address = `bench${n++}@example.org`;
          sentAt.set(address, performance.now());
          return {
            ...request,
            headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify({ body: 'Bonjour, ma commande n’est pas arrivée.', email: address, fillMs: 42_000 }),
          };
        },
      },
    ],
  });
  const submitted = performance.now();
  const arrivedAt = new Map<string, number>();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${sink.received.length} of ${EMAILS} emails arrived`)), 600_000);
    const poll = setInterval(() => {
      for (const email of sink.received) {
        const to = email.envelope.to[0]!;
        if (!arrivedAt.has(to)) arrivedAt.set(to, performance.now());
      }
      if (arrivedAt.size >= EMAILS) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 10);
  });
  const done = performance.now();
  const waits = [...arrivedAt].map(([to, at]) => at - sentAt.get(to)!).sort((a, b) => a - b);
  const at = (q: number) => Math.round(waits[Math.min(waits.length - 1, Math.floor(q * waits.length))]!);
  const ids = new Set(sink.received.map((email) => email.parsed.messageId));
  console.table({
    submissions: {
      count: api.requests.total,
      'per second': Math.round(api.requests.total / ((submitted - started) / 1000)),
      'p50 ms': api.latency.p50,
      'p99 ms': api.latency.p99,
      'non-2xx': api.non2xx,
    },
    'emails at the SMTP server': {
      count: sink.received.length,
      'per second': Math.round(EMAILS / ((done - started) / 1000)),
      'p50 ms': at(0.5),
      'p99 ms': at(0.99),
      'non-2xx': sink.received.length - ids.size,
    },
  });
  console.log(
    `each customer's wait for their email: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${Math.round(waits.at(-1)!)} ms; ` +
      `${sink.received.length - ids.size} sent twice`,
  );
} finally {
  await stopEcoute(server);
  await sink.stop();
  await withClient(adminUrl, (client) => client.query(`drop database if exists ${DATABASE} with (force)`));
}
