// Submit throughput on PostgreSQL: autocannon against a real Ecoute process (with the CPU each request
// costs Ecoute and PostgreSQL, which other load on the machine does not change much), then, in the same run,
// pgbench executing the SQL statements the endpoint runs for one submission (the database's own
// limit on this machine). Prints both and the ratio API / pgbench.
//
//   node --import tsx bench/submit.ts
// Settings: BENCH_DURATION_S (15), BENCH_CONNECTIONS (16), BENCH_POOL_SIZE (10), BENCH_LOG_LEVEL (warn),
// BENCH_ADDRESS=0 (submissions without an email address), BENCH_SMTP=1 (send the acknowledgement emails to a local SMTP server during the load),
// BENCH_RULES=1 (five routing rules on words, address domain, returning customers and language, one assigning round-robin),
// BENCH_DATABASE (ecoute_bench: the database it creates and drops, one per concurrent run),
// BENCH_ADMIN_URL (postgres://postgres@127.0.0.1:5432/test, used to create and drop it).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { signIn } from '../tests/support/agent.ts';
import { freePort } from '../tests/support/app.ts';
import { startSmtpSink } from '../tests/support/smtp-sink.ts';
import { adminUrl, databaseUrl, LOAD_ENV, startEcoute, stopEcoute, withClient } from './support.ts';

const duration = Number(process.env.BENCH_DURATION_S ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DATABASE = process.env.BENCH_DATABASE ?? 'ecoute_bench';
// BENCH_ADDRESS=0: the customers leave no address, so no acknowledgement email is queued.
const withAddress = process.env.BENCH_ADDRESS !== '0';

const BODIES = [
  'Bonjour, j’ai commandé une table il y a trois semaines et elle n’est toujours pas arrivée. Le suivi indique « en préparation » depuis dix jours. Pouvez-vous me dire ce qui se passe et quand je peux espérer la recevoir ? Merci.',
  'Hello, the mobile app logs me out every time I switch to another app, and I have to type my password again. It started after the last update. I use an iPhone 13. This is really annoying when I am paying at the till.',
  'Je tenais à remercier la personne qui m’a aidée au magasin de Lyon samedi : elle a pris le temps de comparer trois modèles avec moi et m’a évité un achat inutile. C’est rare, et cela mérite d’être dit.',
];

const admin = <T>(work: (client: pg.Client) => Promise<T>) => withClient(adminUrl, work);

/**
 * What an admin would set up through the API: a Livraisons team of three, and rules that read the words,
 * the address and the customer's history of every submission (all continue, so all are evaluated).
 */
async function setUpRouting(url: string): Promise<void> {
  const agent = await signIn(url, { email: 'admin@localhost', password: LOAD_ENV.ECOUTE_ADMIN_PASSWORD });
  const call = async (method: string, path: string, body: unknown) => {
    const response = await agent.request(method, path, body);
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.json)}`);
    return response.json;
  };
  const team = await call('POST', '/api/v1/teams', { name: 'Livraisons' });
  for (const name of ['Ana', 'Bo', 'Cy']) {
    const { user } = await call('POST', '/api/v1/users', { email: `${name}@bench.example`, name, role: 'agent' });
    await call('POST', `/api/v1/teams/${team.id}/members`, { userId: user.id });
  }
  const rule = (name: string, conditions: unknown[], actions: unknown) =>
    call('POST', '/api/v1/routing-rules', { name, match: 'any', conditions, actions, stop: false });
  await rule('Livraisons', [{ kind: 'words', phrases: ['livraison', 'colis', 'commande'] }], {
    teamId: team.id,
    tags: ['livraison'],
    assign: { kind: 'round_robin' },
  });
  await rule('Application', [{ kind: 'words', phrases: ['application', 'mot de passe', 'logs me out'] }], {
    tags: ['app'],
  });
  await rule('Clients fidèles', [{ kind: 'returning_customer' }], { tags: ['fidele'] });
  await rule('Example', [{ kind: 'email_domain', domains: ['example.org'] }], { tags: ['example'] });
  await rule('Anglais', [{ kind: 'language', locales: ['en'] }], { tags: ['anglais'] });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0; // gone: a connection the pool closed
  }
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

/**
 * The CPU Ecoute's process and its PostgreSQL connections have used so far: divided by the requests
 * served, what one costs, whatever else the machine runs at the same time (throughput is not).
 */
async function cpuUsed(serverPid: number): Promise<{ server: number; postgres: number }> {
  const { rows } = await withClient(databaseUrl(DATABASE), (db) =>
    db.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [
      DATABASE,
    ]),
  );
  return {
    server: cpuSecondsOf(serverPid),
    postgres: rows.reduce((sum, { pid }) => sum + cpuSecondsOf(pid), 0),
  };
}

async function runAutocannon(url: string, seconds: number) {
  let n = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/forms/demo/messages',
        setupRequest: (request: autocannon.Request) => {
          n++;
          return {
            ...request,
            headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify({
              body: BODIES[n % BODIES.length],
              name: `Client ${n}`,
              ...(withAddress && { email: `client${n}@example.org` }),
              pageUrl: 'https://shop.example/help',
              fillMs: 42_000,
            }),
          };
        },
      },
    ],
  });
}

/**
 * The statement the server sends for one submission with an Idempotency-Key (server/src/db/
 * messages.repo.ts, createMessage), with pgbench variables in place of its parameters. The form
 * lookup is cached in the server, so it is not part of a submission.
 */
function pgbenchScript(): string {
  return `\\set n random(1, 9000000000000000000)
with claimed as (
  insert into idempotency_keys (form_id, key_hash, fingerprint, sealed_tracking_token, message_id)
  values (:form_id, md5(:n || 'k'), md5(:n || 'f'), md5(:n || 's') || md5(:n || 'z'), gen_random_uuid())
  on conflict do nothing
  returning message_id
),
message as (
  insert into messages (id, form_id, reference, tracking_token_hash, body, customer_name, customer_email,
                        locale, page_url, status, spam_signals)
  select (select message_id from claimed), :form_id, 'EC-' || :n, md5(:n || 't'), :body,
         :name, :email, 'fr', 'https://shop.example/help',
         'unanswered', '{}'::text[]
  where exists (select 1 from claimed)
  returning id
),
ack as (
  insert into timeline_events (message_id, type, visibility)
  select id, 'acknowledged', 'public' from message
  returning created_at
)
select created_at as acknowledged_at from ack;
`;
}

function runPgbench(formId: string): { tps: number; latencyMs: number; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecoute-pgbench-'));
  const script = path.join(dir, 'submit.sql');
  writeFileSync(script, pgbenchScript());
  const url = new URL(databaseUrl(DATABASE));
  const result = spawnSync(
    'pgbench',
    [
      '-n',
      '-M',
      'extended',
      '-c',
      String(connections),
      '-j',
      '2',
      '-T',
      String(duration),
      '-h',
      url.hostname,
      '-p',
      url.port || '5432',
      '-U',
      decodeURIComponent(url.username) || 'postgres',
      '-D',
      `form_id=${formId}`,
      '-D',
      `body=${BODIES[0]}`,
      '-D',
      'name=Client',
      '-D',
      'email=client@example.org',
      '-f',
      script,
      DATABASE,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`pgbench failed:\n${result.stderr}\n${result.stdout}`);
  const tps = Number(/tps = ([\d.]+)/.exec(result.stdout)?.[1]);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(result.stdout)?.[1]);
  return { tps, latencyMs, output: result.stdout };
}

await admin(async (client) => {
  await client.query(`drop database if exists ${DATABASE} with (force)`);
  await client.query(`create database ${DATABASE}`);
});
const port = await freePort();
// Every submission leaves an address, so each queues its acknowledgement email: with BENCH_SMTP=1 they
// are also sent, to an SMTP server in this process, while the load runs.
const sink = process.env.BENCH_SMTP === '1' ? await startSmtpSink() : undefined;
const server = await startEcoute({
  port,
  database: DATABASE,
  env: { ...LOAD_ENV, ...(sink && { SMTP_URL: sink.url }) },
});
try {
  const url = `http://127.0.0.1:${port}`;
  if (process.env.BENCH_RULES === '1') await setUpRouting(url);
  console.log(`warming up (3 s, ${connections} connections)…`);
  await runAutocannon(url, 3);
  console.log(`autocannon: ${duration} s, ${connections} connections…`);
  const cpuBefore = await cpuUsed(server.pid!);
  const api = await runAutocannon(url, duration);
  const cpuAfter = await cpuUsed(server.pid!);
  const { rows } = await withClient(databaseUrl(DATABASE), (db) =>
    db.query<{ id: string }>(`select id from forms where key = 'demo'`),
  );
  console.log(`pgbench: ${duration} s, ${connections} clients, the same statements…`);
  const bench = runPgbench(rows[0]!.id);

  const apiRps = api.requests.average;
  const ratio = apiRps / bench.tps;
  console.table({
    'API (autocannon)': {
      'per second': Math.round(apiRps),
      'p50 ms': api.latency.p50,
      'p97.5 ms': api.latency.p97_5,
      'p99 ms': api.latency.p99,
      'non-2xx': api.non2xx,
      errors: api.errors + api.timeouts,
    },
    'PostgreSQL (pgbench)': {
      'per second': Math.round(bench.tps),
      'p50 ms': bench.latencyMs,
      'p97.5 ms': '',
      'p99 ms': '',
      'non-2xx': '',
      errors: '',
    },
  });
  console.log(`ratio API / pgbench = ${ratio.toFixed(2)} (goal ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);
  console.log(`p99 = ${api.latency.p99} ms (goal < 25 ms: ${api.latency.p99 < 25 ? 'met' : 'NOT met'})`);
  console.log('(pgbench reports only the average latency; it is shown in the p50 column)');
  const perRequestMs = (seconds: number) => ((seconds * 1000) / api.requests.total).toFixed(2);
  console.log(
    `CPU per request: Ecoute ${perRequestMs(cpuAfter.server - cpuBefore.server)} ms, ` +
      `PostgreSQL ${perRequestMs(cpuAfter.postgres - cpuBefore.postgres)} ms (its connections to ${DATABASE})`,
  );
} finally {
  await stopEcoute(server);
  await sink?.stop();
  await admin((client) => client.query(`drop database if exists ${DATABASE} with (force)`));
}
