// Fills a PostgreSQL database with N realistic messages (default 1,000,000) for the inbox benchmark
// (bench/inbox.ts): French and English bodies composed from bench/message-fragments.ts, the whole
// lifecycle (acknowledgements, replies, commitments kept and open, customers writing again, spam),
// tags and assignees, spread over teams (one with office hours in Paris), the dashboard's facts
// (message_facts, customer_turns) backfilled as migration 0014 does, and the customers' words counted.
// Destructive: it empties messages (their timelines, commitments, emails, presence, inbound mails, facts
// and word counts) first.
//
//   node --import tsx bench/seed-messages.ts --yes [--count 1000000] [--jobs 2] [postgres://…/db]
// The URL defaults to DATABASE_URL. The database must be one Ecoute has started on once (migrations
// applied, the demo form and the admin created).
//
// Everything is generated inside PostgreSQL, batch by batch (INSERT … SELECT from generate_series),
// with pseudo-random draws from hashint8extended(row number, salt): the same rows on every run,
// whatever the batch size or the number of parallel jobs. Only ids and timestamps (relative to the
// start of the run) differ.
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database } from '../server/src/db/client.ts';
import * as schema from '../server/src/db/schema/index.ts';
import { countWordsFromScratch, countWordWeeksAndMonths, forgetWordBacklog } from '../server/src/db/words.repo.ts';
import {
  BENCH_AGENTS,
  BENCH_FORMS,
  FRAGMENTS,
  PAGE_PATHS,
  TOPIC_TAGS,
  TOPIC_WEIGHTS,
  TOPICS,
} from './message-fragments.ts';
import { withClient } from './support.ts';

const BATCH_SIZE = 20_000;
/** References are `EC-` and five characters out of 31: the generator numbers them, so at most 31⁵. */
const REFERENCE_SPACE = 31 ** 5;
/** Customers are drawn with a skew, so some write many times and most once or twice. */
const CUSTOMERS = 600_000;

/** A uniform draw in [0, 1) that depends only on `key` and `salt`. */
function rand(salt: number, key = 'n'): string {
  return `((hashint8extended(${key}, ${salt}) & 4503599627370495)::float8 / 4503599627370496)`;
}

/** The length of a FRAGMENTS list ($2 holds the lengths) for the row's locale; `list` is an SQL expression. */
function size(list: string): string {
  return `($2::jsonb #>> array[locale, ${list}])::int`;
}

/** Element `index` (modulo the length) of a FRAGMENTS list ($1) for the row's locale. */
function pickAt(list: string, index: string): string {
  return `($1::jsonb #>> array[locale, ${list}, ((${index}) % ${size(list)})::text])`;
}

/** A random element of a FRAGMENTS list. */
function pick(list: string, draw: string): string {
  return pickAt(list, `floor(${draw} * ${size(list)})::int`);
}

/** The topic a message opens with, by TOPIC_WEIGHTS. */
function topicCase(roll: string): string {
  let cumulative = 0;
  const branches = TOPICS.map((topic) => {
    cumulative += TOPIC_WEIGHTS[topic];
    return `when ${roll} < ${cumulative.toFixed(4)} then '${topic}'`;
  });
  return `case ${branches.join(' ')} else 'delivery' end`;
}

function tagCase(topic: string): string {
  return `case ${topic} ${TOPICS.map((t) => `when '${t}' then '${TOPIC_TAGS[t]}'`).join(' ')} end`;
}

/** Placeholders are filled once per message: one order, one product, one city per conversation. */
function fillPlaceholders(text: string): string {
  return `replace(replace(replace(replace(replace(replace(${text},
    '{Product}', upper(left(product, 1)) || substr(product, 2)), '{product}', product), '{city}', city),
    '{order}', order_no), '{days}', days::text), '{amount}', amount)`;
}

/** `EC-` and row n's image under a bijection of [0, 31⁵) written in base 31: unique by construction. */
function referenceSql(): string {
  const permuted = `((n * 7368787) % ${REFERENCE_SPACE})`;
  const digits = [4, 3, 2, 1, 0].map(
    (power) => `substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', (${permuted} / ${31 ** power} % 31)::int + 1, 1)`,
  );
  return `'EC-' || ${digits.join(' || ')}`;
}

const DAY = 86_400;
/** The share of messages of a given age (age_s, in seconds) still waiting for an answer… */
const UNANSWERED = `(0.02 + 0.5 * exp(-age_s / ${4 * DAY}))`;
/** …and still with an open commitment. */
const COMMITTED = `(0.001 + 0.25 * exp(-age_s / ${20 * DAY}))`;

/**
 * One batch: rows $3..$4. The CTEs draw who writes, about what, when and what happened since, then
 * three inserts write messages, their timeline and their commitments in one statement.
 * Messages spread evenly over two years, in row order. Statuses depend on age: 1 % spam; about 2 %
 * unanswered (half of the last days' messages, 2 % of older ones; a quarter written again after a
 * reply), about 1 % with open commitments (mostly recent), the rest closed (8 % of those after a
 * kept commitment).
 */
function batchSql(): string {
  return `
with draw as (
  select n,
    floor(${CUSTOMERS} * power(${rand(1)}, 1.6))::bigint as customer,
    ${rand(2)} as status_roll,
    ${rand(3)} as topic_roll,
    ${rand(4)} as length_roll,
    -- Row numbers are arrival order, so the table is laid out by time as it would be in production.
    greatest(60, ($11::bigint - n + ${rand(5)}) / $11::float8 * ${730 * DAY}) as age_s
  from generate_series($3::bigint, $4::bigint) n
),
person as (
  select d.*,
    case when ${rand(10, 'customer')} < 0.6 then 'fr' else 'en' end as locale,
    ${rand(11, 'customer')} >= 0.15 as named,
    ${rand(12, 'customer')} >= 0.07 as reachable,
    -- Spam arrives at any time; what is still open is mostly recent, with a backlog of old ones.
    case when status_roll < 0.01 then 'spam'
         when status_roll < 0.01 + ${UNANSWERED} then 'unanswered'
         when status_roll < 0.01 + ${UNANSWERED} + ${COMMITTED} then 'committed'
         else 'closed' end as status
  from draw d
),
shaped as (
  select p.*,
    case when status = 'spam' then 'spam' else ${topicCase('topic_roll')} end as topic,
    status = 'unanswered' and ${rand(22)} < 0.25 as reopened,
    ${pick(`'first_name'`, rand(13, 'customer'))} as first_name,
    ${pick(`'last_name'`, rand(14, 'customer'))} as last_name,
    ${pick(`'domain'`, rand(15, 'customer'))} as domain,
    ${pick(`'product_name'`, rand(30))} as product,
    ${pick(`'city'`, rand(31))} as city,
    (1000000 + (n * 7919) % 9000000)::text as order_no,
    2 + floor(${rand(33)} * 20)::int as days,
    1 + floor(${rand(9)} * cardinality($8::uuid[]))::int as form_no,
    1 + floor(${rand(19)} * cardinality($6::uuid[]))::int as agent_no,
    ($12::uuid[])[1 + floor(${rand(60)} * cardinality($12::uuid[]))::int] as team_id
  from person p
),
timed as (
  select s.*,
    case when locale = 'fr' then (19 + floor(${rand(35)} * 480))::int || ',90 €'
         else '€' || (19 + floor(${rand(35)} * 480))::int || '.90' end as amount,
    -- One line, a few sentences, or several paragraphs; thanks and spam say little.
    least(case topic when 'thanks' then 3 when 'spam' then 3 else 18 end,
          case when length_roll < 0.15 then 1 when length_roll < 0.6 then 2 + floor(${rand(6)} * 3)
               when length_roll < 0.9 then 5 + floor(${rand(6)} * 4) else 9 + floor(${rand(6)} * 10) end)::int as sentences,
    $5::timestamptz - make_interval(secs => age_s) as created_at,
    status in ('closed', 'committed') or reopened as replied,
    status = 'committed' and ${rand(24)} < 0.2 as two_commitments,
    status = 'closed' and ${rand(27)} < 0.08 as fulfilled,
    status in ('closed', 'committed') or reopened or (status = 'unanswered' and ${rand(20)} < 0.3) as assigned,
    status <> 'spam' and ${rand(17)} < 0.35 as tagged
  from shaped s
),
replied as (
  select t.*,
    case when replied then created_at
      + make_interval(secs => least(600 + power(${rand(21)}, 3) * ${5 * DAY}, age_s * 0.9)) end as reply_at
  from timed t
),
batch as materialized (
  select r.*,
    gen_random_uuid() as id,
    gen_random_uuid() as reply_id,
    gen_random_uuid() as commitment_id,
    ${referenceSql()} as reference,
    encode(sha256(convert_to('ecoute-bench-token-' || n, 'UTF8')), 'hex') as token_hash,
    ($8::uuid[])[form_no] as form_id,
    case when ${rand(8)} < 0.85
      then ($9::text[])[form_no] || ($10::text[])[1 + floor(${rand(7)} * cardinality($10::text[]))::int] end as page_url,
    case when status = 'spam' then null when named then first_name || ' ' || last_name end as customer_name,
    case when status = 'spam' then 'offres' || n || '@promo-mail.biz'
         when reachable then translate(lower(first_name || '.' || last_name), 'éèêëàâäîïôöùûüçñ’'' ',
                                       'eeeeaaaiioouuucn') || customer || '@' || domain end as customer_email,
    case when status <> 'spam' then '{}'::text[]
         when ${rand(16)} < 0.5 then '{too_fast}' when ${rand(16)} < 0.7 then '{honeypot}'
         when ${rand(16)} < 0.75 then '{honeypot,too_fast}' else '{}' end as spam_signals,
    case when tagged then array[${tagCase('topic')}]
      || case when ${rand(18)} < 0.12 then array['urgent'] when ${rand(18)} < 0.16 then array['vip'] else '{}' end
      else '{}'::text[] end as tags,
    case when assigned then ($6::uuid[])[agent_no] end as assignee_id,
    case when assigned then ($7::text[])[agent_no] end as assignee_name,
    case when reopened then reply_at + (${rand(23)} * ($5::timestamptz - reply_at)) else created_at end as waiting_since,
    reply_at::date + 3 + floor(${rand(25)} * 42)::int as due_1,
    reply_at::date + 7 + floor(${rand(26)} * 50)::int as due_2,
    reply_at + least(make_interval(days => 1 + floor(${rand(28)} * 10)::int), ($5::timestamptz - reply_at) / 2) as resolved_at,
    ${pick(`'commitment'`, rand(36))} as description_1,
    ${pick(`'commitment'`, rand(37))} as description_2,
    ${pick(`'outcome'`, rand(38))} as outcome,
    ${pick(`'follow_up'`, rand(39))} as follow_up,
    ${fillPlaceholders(`concat_ws(E'\\n\\n',
      case when sentences > 1 then ${pick(`'opening'`, rand(40))} end,
      -- Sentences walk their list (topic or detail) from a random start, so they do not repeat.
      (select string_agg(${pickAt('list', `floor(${rand(46)} * 1000)::int + k`)}
           || case when i = sentences then '' when i % 3 = 0 then E'\\n\\n' else ' ' end, '' order by i)
       from (select i, list, row_number() over (partition by list order by i)::int as k
             from generate_series(1, sentences) i,
                  lateral (select case when topic in ('spam', 'thanks') or ${rand(45, 'n * 64 + i')} < 0.6
                                       then topic else 'detail' end as list) l) sentence),
      case when status <> 'spam' and ${rand(42)} < 0.001 then ${pick(`'rare'`, rand(43))} end,
      case when sentences > 1 then ${pick(`'closing'`, rand(41))}
        || case when named and ${rand(44)} < 0.7 then E'\\n' || first_name else '' end end)`)} as body,
    ${fillPlaceholders(`concat_ws(E'\\n\\n',
      replace(${pick(`'reply_opening'`, rand(50))}, ' {name}', case when named then ' ' || first_name else '' end),
      ${pick(`'reply:' || topic`, rand(51))}
        || case when ${rand(52)} < 0.5 then ' ' || ${pick(`'reply:' || topic`, rand(53))} else '' end,
      ${pick(`'reply_closing'`, rand(54))} || E'\\n' || coalesce(($7::text[])[agent_no], ''))`)} as reply_body
  from replied r
),
new_messages as (
  insert into messages (id, form_id, reference, tracking_token_hash, body, customer_name, customer_email, locale,
                        page_url, status, spam_signals, tags, team_id, assignee_id, waiting_since, next_due_on, created_at,
                        updated_at, follow_ups)
  select id, form_id, reference, token_hash, body, customer_name, customer_email, locale,
         page_url, status, spam_signals, tags, team_id, assignee_id, waiting_since,
         case when status = 'committed' then case when two_commitments then least(due_1, due_2) else due_1 end end,
         created_at, greatest(created_at, reply_at, waiting_since, case when fulfilled then resolved_at end),
         case when reopened then follow_up || E'\n' else '' end
  from batch
),
new_events as (
  insert into timeline_events (id, message_id, type, visibility, actor_id, body, data, created_at)
  select gen_random_uuid(), id, 'acknowledged', 'public', null::uuid, null, '{}'::jsonb, created_at from batch
  union all
  select reply_id, id, 'reply', 'public', assignee_id, reply_body, '{}', reply_at from batch where replied
  union all
  select gen_random_uuid(), id, 'customer_message', 'public', null, follow_up, '{}', waiting_since
  from batch where reopened
  union all
  select gen_random_uuid(), id, 'tagged', 'internal', coalesce(assignee_id, ($6::uuid[])[1]), null,
         jsonb_build_object('tag', tag), coalesce(reply_at, created_at + ($5::timestamptz - created_at) / 2)
  from batch cross join unnest(tags) tag
  union all
  select gen_random_uuid(), id, 'commitment_fulfilled', 'public', assignee_id, outcome,
         jsonb_build_object('commitmentId', commitment_id, 'description', description_1), resolved_at
  from batch where fulfilled
  union all
  select gen_random_uuid(), id, 'marked_spam', 'internal', ($6::uuid[])[agent_no], null, '{}',
         created_at + ($5::timestamptz - created_at) / 2
  from batch where status = 'spam' and spam_signals = '{}'
  union all
  select gen_random_uuid(), id, 'assigned', 'internal', ($6::uuid[])[1], null,
         jsonb_build_object('assigneeId', assignee_id, 'assigneeName', assignee_name),
         created_at + ($5::timestamptz - created_at) / 3
  from batch where status = 'unanswered' and not reopened and assigned
),
new_commitments as (
  insert into commitments (id, message_id, reply_event_id, description, due_on, owner_id, status, outcome,
                           created_at, resolved_at)
  select commitment_id, id, reply_id, description_1, due_1, assignee_id,
         case when fulfilled then 'fulfilled' else 'open' end, case when fulfilled then outcome end,
         reply_at, case when fulfilled then resolved_at end
  from batch where status = 'committed' or fulfilled
  union all
  select gen_random_uuid(), id, reply_id, description_2, due_2, assignee_id, 'open', null, reply_at, null
  from batch where two_commitments
)
select count(*)::int as n from batch`;
}

interface Team {
  /** The default team and BENCH_TEAMS: messages are spread evenly over them. */
  teamIds: string[];
  agentIds: string[];
  agentNames: string[];
  formIds: string[];
  formUrls: string[];
}

/** Teams besides the default one: one works office hours in Paris, the others around the clock. */
const OFFICE_HOURS = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ from: '09:00', to: '18:00' }]]),
);
const BENCH_TEAMS = [
  { name: 'Livraisons', timeZone: 'Europe/Paris', workingHours: OFFICE_HOURS },
  { name: 'Remboursements', timeZone: 'UTC', workingHours: null },
];

/**
 * The admin and BENCH_AGENTS answer; the demo form and BENCH_FORMS receive; the default team and
 * BENCH_TEAMS hold the messages. All are kept across runs.
 */
async function prepareTeam(client: pg.Client): Promise<Team> {
  const { rows: admins } = await client.query<{ id: string; name: string }>(
    `select id, name from users where role = 'admin' order by created_at limit 1`,
  );
  const { rows: demo } = await client.query<{ id: string }>(`select id from forms where key = 'demo'`);
  if (!admins[0] || !demo[0]) {
    throw new Error('no admin or no demo form: start Ecoute once on this database first (it creates both)');
  }
  for (const agent of BENCH_AGENTS) {
    await client.query(
      `insert into users (email, name, role, password_hash) values ($1, $2, 'agent', null) on conflict do nothing`,
      [agent.email, agent.name],
    );
  }
  for (const form of BENCH_FORMS) {
    await client.query(
      `insert into forms (key, name, allowed_origins, default_locale) values ($1, $2, $3, 'fr') on conflict do nothing`,
      [form.key, form.name, [form.url]],
    );
  }
  const { rows: agents } = await client.query<{ id: string; name: string }>(
    `select id, name from users where lower(email) = any($1::text[]) order by email`,
    [BENCH_AGENTS.map((agent) => agent.email)],
  );
  const { rows: forms } = await client.query<{ id: string; key: string }>(
    `select id, key from forms where key = any($1::text[]) order by key`,
    [BENCH_FORMS.map((form) => form.key)],
  );
  for (const team of BENCH_TEAMS) {
    await client.query(
      `insert into teams (name, time_zone, working_hours) values ($1, $2, $3) on conflict do nothing`,
      [team.name, team.timeZone, team.workingHours === null ? null : JSON.stringify(team.workingHours)],
    );
  }
  const { rows: teams } = await client.query<{ id: string }>(
    `select id from teams where is_default or name = any($1::text[]) order by is_default desc, name`,
    [BENCH_TEAMS.map((team) => team.name)],
  );
  const urlOf = (key: string) => BENCH_FORMS.find((form) => form.key === key)!.url;
  return {
    teamIds: teams.map((row) => row.id),
    agentIds: [admins[0].id, ...agents.map((agent) => agent.id)],
    agentNames: [admins[0].name, ...agents.map((agent) => agent.name)],
    formIds: [demo[0].id, demo[0].id, ...forms.map((form) => form.id)],
    formUrls: ['https://shop.example', 'https://shop.example', ...forms.map((form) => urlOf(form.key))],
  };
}

function listSizes(): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(FRAGMENTS).map(([locale, lists]) => [
      locale,
      Object.fromEntries(Object.entries(lists).map(([name, items]) => [name, items.length])),
    ]),
  );
}

async function withTrigger(url: string, change: 'enable' | 'disable'): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`alter table timeline_events ${change} trigger timeline_events_message_facts`);
  } finally {
    await client.end();
  }
}

/** The stats facts of every message, by the database's own function, BATCH_SIZE messages at a time. */
async function refreshFacts(url: string, jobs: number): Promise<void> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const batches: string[][] = [];
  try {
    // In arrival order, as production writes them: the facts' table is then laid out by time too.
    let after: [string, string] = ['-infinity', '00000000-0000-0000-0000-000000000000'];
    for (;;) {
      const { rows } = await client.query<{ id: string; at: string }>(
        'select id, created_at::text as at from messages where (created_at, id) > ($1::timestamptz, $2::uuid) order by created_at, id limit $3',
        [...after, BATCH_SIZE],
      );
      if (rows.length === 0) break;
      batches.push(rows.map((row) => row.id));
      after = [rows.at(-1)!.at, rows.at(-1)!.id];
    }
  } finally {
    await client.end();
  }
  async function job() {
    const worker = new pg.Client({ connectionString: url });
    await worker.connect();
    try {
      await worker.query('set jit = off');
      for (let ids = batches.shift(); ids; ids = batches.shift()) {
        await worker.query('select refresh_message_facts($1::uuid[])', [ids]);
      }
    } finally {
      await worker.end();
    }
  }
  await Promise.all(Array.from({ length: jobs }, job));
  console.log(`stats facts in ${seconds(started)} s`);
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function seed(url: string, count: number, jobs: number): Promise<void> {
  const started = performance.now();
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  let team: Team;
  try {
    team = await prepareTeam(setup);
    await setup.query(
      'truncate messages, timeline_events, commitments, idempotency_keys, emails, presence, inbound_mails, ' +
        'message_facts, customer_turns, word_backlog, word_folds, word_counts, word_surfaces cascade',
    );
    // The stats facts (migrations/0014) are kept by a trigger on each event, one message at a time:
    // refreshFacts below computes them once for every batch of messages instead.
    await withTrigger(url, 'disable');
  } finally {
    await setup.end();
  }
  console.log(`seeding ${count.toLocaleString('en')} messages, ${jobs} jobs, batches of ${BATCH_SIZE}…`);

  const anchor = new Date();
  const statement = batchSql();
  const common = [JSON.stringify(FRAGMENTS), JSON.stringify(listSizes())];
  let next = 1;
  let done = 0;
  let reported = 0;
  const inserting = performance.now();
  // Each job takes the next range until none is left: two backends keep the two cores busy.
  async function job() {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // The statement's estimated cost is huge (it inserts thousands of rows), so PostgreSQL would
      // JIT-compile it on every batch: 12 s of compiling for 2,000 rows when measured.
      await client.query('set jit = off');
      while (next <= count) {
        const first = next;
        const last = Math.min(count, first + BATCH_SIZE - 1);
        next = last + 1;
        await client.query(statement, [
          ...common,
          first,
          last,
          anchor,
          team.agentIds,
          team.agentNames,
          team.formIds,
          team.formUrls,
          PAGE_PATHS,
          count,
          team.teamIds,
        ]);
        done += last - first + 1;
        if (done - reported >= count / 10 || done === count) {
          reported = done;
          console.log(`  ${done.toLocaleString('en')} messages, ${seconds(inserting)} s`);
        }
      }
    } finally {
      await client.end();
    }
  }
  try {
    await Promise.all(Array.from({ length: jobs }, job));
    await refreshFacts(url, jobs);
  } finally {
    await withTrigger(url, 'enable');
  }
  const inserted = seconds(inserting);
  const counting = performance.now();
  await countWords(url, anchor, jobs);
  console.log(`customers' words counted in ${seconds(counting)} s`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const vacuuming = performance.now();
    // A bulk load leaves no visibility map and no statistics: autovacuum would fix both within
    // minutes; doing it now means the benchmark measures the steady state, not that window.
    await client.query(
      'vacuum (analyze) messages, timeline_events, commitments, message_facts, customer_turns, word_counts, word_surfaces, word_folds',
    );
    console.log(`inserted in ${inserted} s, vacuum and analyze ${seconds(vacuuming)} s, total ${seconds(started)} s`);
    await printSummary(client);
  } finally {
    await client.end();
  }
}

/**
 * The customers' words of every message, counted from scratch month by month (UTC), `jobs` months at
 * a time (db/words.repo.ts); the backlog the inserts left is then empty.
 */
async function countWords(url: string, anchor: Date, jobs: number): Promise<void> {
  const months: Array<[string, string]> = [];
  const end = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() + 1, 1));
  for (let start = new Date(Date.UTC(end.getUTCFullYear() - 3, end.getUTCMonth(), 1)); start < end;) {
    const next = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    months.push([start.toISOString().slice(0, 10), next.toISOString().slice(0, 10)]);
    start = next;
  }
  async function job() {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('set jit = off');
      const db: Database = drizzle(client, { schema });
      for (let month = months.pop(); month; month = months.pop()) await countWordsFromScratch(db, ...month);
    } finally {
      await client.end();
    }
  }
  await Promise.all(Array.from({ length: jobs }, job));
  await withClient(url, async (client) => {
    const db = drizzle(client, { schema }) as Database;
    await countWordWeeksAndMonths(db);
    await forgetWordBacklog(db);
  });
}

async function printSummary(client: pg.Client): Promise<void> {
  const { rows: statuses } = await client.query<{ status: string; n: number }>(
    `select status, count(*)::int as n from messages group by status order by n desc`,
  );
  const { rows: sizes } = await client.query(
    `select relname as table, n_live_tup::bigint as rows, pg_size_pretty(pg_table_size(relid)) as data,
            pg_size_pretty(pg_indexes_size(relid)) as indexes
     from pg_stat_user_tables where relname in ('messages', 'timeline_events', 'commitments') order by relname`,
  );
  const { rows: database } = await client.query<{ size: string }>(
    `select pg_size_pretty(pg_database_size(current_database())) as size`,
  );
  const { rows: due } = await client.query<{ due: number; overdue: number }>(
    `select count(next_due_on)::int as due, count(*) filter (where next_due_on < current_date)::int as overdue from messages`,
  );
  console.log(`statuses: ${statuses.map((row) => `${row.status} ${row.n.toLocaleString('en')}`).join(', ')}`);
  console.log(
    `with open commitments: ${due[0]!.due.toLocaleString('en')}, overdue: ${due[0]!.overdue.toLocaleString('en')}`,
  );
  console.table(sizes);
  console.log(`database size: ${database[0]!.size}`);
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      yes: { type: 'boolean', default: false },
      count: { type: 'string', default: '1000000' },
      jobs: { type: 'string', default: '2' },
    },
  });
  const url = positionals[0] ?? process.env.DATABASE_URL;
  const count = Number(values.count);
  const jobs = Number(values.jobs);
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('give a postgres:// URL as argument or in DATABASE_URL');
  }
  if (!Number.isSafeInteger(count) || count < 1 || count > REFERENCE_SPACE) {
    throw new Error(`--count must be between 1 and ${REFERENCE_SPACE}`);
  }
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new Error('--jobs must be a positive integer');
  if (!values.yes) {
    const where = new URL(url);
    console.error(
      `This deletes every message, timeline event and commitment in ${where.host}${where.pathname} ` +
        `and writes ${count.toLocaleString('en')} generated ones. Run again with --yes to do it.`,
    );
    process.exit(2);
  }
  return seed(url, count, jobs);
}

await main();
