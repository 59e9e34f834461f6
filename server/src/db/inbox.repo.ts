// The agents' reading side: inbox views with keyset pagination, ranked full-text search, counts, and
// one message with everything around it. Query shapes match the indexes in schema/messages.ts; the
// numbers behind them are in bench/RESULTS.md.
import { sql, type SQL } from 'drizzle-orm';
import type { MessageCounts, MessageView } from '@ecoute/shared/agent-contract';
import type { MessageStatus } from '@ecoute/shared/contract';
import type { Locale } from '@ecoute/shared/locale';
import { AGENT_LIMITS } from '@ecoute/shared/agent-values';
import type { Database } from './client.ts';
import type { TimelineEventRow } from './schema/index.ts';

export type SummaryRow = {
  id: string;
  reference: string;
  status: MessageStatus;
  excerpt: string;
  customer_name: string | null;
  customer_email: string | null;
  locale: Locale;
  form_name: string;
  tags: string[];
  assignee_id: string | null;
  assignee_name: string | null;
  created_at: Date | string;
  waiting_since: Date | string;
  /** The sort key as PostgreSQL prints it: exact to the microsecond, for the cursor. */
  sort_key: string;
};

const SUMMARY_COLUMNS = sql`m.id, m.reference, m.status, left(m.body, 200) as excerpt, m.customer_name,
  m.customer_email, m.locale, f.name as form_name, m.tags, m.assignee_id, u.name as assignee_name,
  m.created_at, m.waiting_since`;
const SUMMARY_JOINS = sql`join forms f on f.id = m.form_id left join users u on u.id = m.assignee_id`;

function viewFilter(view: MessageView, userId: string): SQL {
  switch (view) {
    case 'unanswered':
      return sql`m.status = 'unanswered'`;
    case 'mine':
      // What is still mine to do: once closed, a message is found in `closed` (or `all`).
      return sql`m.assignee_id = ${userId} and m.status in ('unanswered', 'committed')`;
    case 'commitments_due':
      return sql`m.next_due_on is not null`;
    case 'overdue':
      return sql`m.next_due_on is not null and m.next_due_on < current_date`;
    case 'closed':
      return sql`m.status = 'closed'`;
    case 'spam':
      return sql`m.status = 'spam'`;
    case 'all':
      return sql`m.status <> 'spam'`;
  }
}

export type Cursor = { after: [string, string] } | { offset: number };

export interface ListInput {
  view: MessageView;
  userId: string;
  q?: string | undefined;
  tag?: string | undefined;
  cursor?: Cursor | undefined;
  limit: number;
}

/**
 * Ranked search ranks the newest SEARCH_WINDOW matches, not every match: a word found in one message
 * out of ten matches 100,000 messages in a million, and ranking them means reading them all (over a
 * second, bench/RESULTS.md). Pages past the window are empty; the SPA says so.
 */
const SEARCH_WINDOW = AGENT_LIMITS.searchResults;

/**
 * The newest matches are looked for slice of time by slice, newest first, and PostgreSQL stops at
 * the first slice that completes the window. The last 7 days are walked newest first, testing each
 * message: the GIN index would list every match of a common word (tens of milliseconds) where the
 * walk stops after a few thousand rows. Older slices let the planner choose: the GIN index for rare
 * words, a walk for common ones. Each slice is about four times the ones before it, so a slice never
 * reads many more matches than the window still needs. Lengths are for ~1,400 messages a day.
 */
const SEARCH_SLICES = ['7 days', '30 days', '120 days', '365 days'];

function searchMatches(filters: SQL[], q: string): SQL {
  // One GIN scan per language: each message is searched in its own language's configuration, which
  // folds accents as the `search` column does (migrations/0004).
  const matches = sql`(
      (m.locale = 'fr' and m.search @@ websearch_to_tsquery('french_unaccent', ${q}))
      or (m.locale = 'en' and m.search @@ websearch_to_tsquery('english_unaccent', ${q}))
      or m.reference = upper(${q}))`;
  const slices: SQL[] = [];
  let newer: string | undefined;
  for (const older of [...SEARCH_SLICES, undefined]) {
    const range = [
      ...(older ? [sql.raw(`m.created_at >= now() - interval '${older}'`)] : []),
      ...(newer ? [sql.raw(`m.created_at < now() - interval '${newer}'`)] : []),
    ];
    const where = sql.join([...filters, ...range], sql` and `);
    slices.push(
      newer
        ? sql`(select m.* from messages m where ${where} and ${matches}
               order by m.created_at desc, m.id desc limit ${SEARCH_WINDOW})`
        : // offset 0 keeps the planner from merging the two levels, so the walk stays a walk.
          sql`(select * from (select m.* from messages m where ${where}
                              order by m.created_at desc, m.id desc offset 0) m
               where ${matches} limit ${SEARCH_WINDOW})`,
    );
    newer = older;
  }
  return sql`${sql.join(slices, sql` union all `)} limit ${SEARCH_WINDOW}`;
}

/** One page of a view: `limit + 1` rows are read to know whether another page follows. */
export async function listMessages(db: Database, input: ListInput): Promise<SummaryRow[]> {
  const filters = [viewFilter(input.view, input.userId)];
  if (input.tag) filters.push(sql`m.tags @> array[${input.tag}]::text[]`);
  const q = input.q?.trim();
  if (q) {
    const offset = input.cursor && 'offset' in input.cursor ? input.cursor.offset : 0;
    const { rows } = await db.execute<SummaryRow>(sql`
      with matches as (${searchMatches(filters, q)})
      select ${SUMMARY_COLUMNS}, m.created_at::text as sort_key
      from matches m ${SUMMARY_JOINS}
      order by ts_rank(m.search, case when m.locale = 'fr' then websearch_to_tsquery('french_unaccent', ${q})
                                      else websearch_to_tsquery('english_unaccent', ${q}) end) desc,
               m.created_at desc, m.id desc
      limit ${input.limit + 1} offset ${offset}`);
    return rows;
  }
  // Nobody waits longest: unanswered is oldest first, by when the customer last wrote.
  const oldestFirst = input.view === 'unanswered';
  const key = oldestFirst ? sql`m.waiting_since` : sql`m.created_at`;
  if (input.cursor && 'after' in input.cursor) {
    const [at, id] = input.cursor.after;
    filters.push(
      oldestFirst
        ? sql`(${key}, m.id) > (${at}::timestamptz, ${id}::uuid)`
        : sql`(${key}, m.id) < (${at}::timestamptz, ${id}::uuid)`,
    );
  }
  const direction = oldestFirst ? sql`asc` : sql`desc`;
  const { rows } = await db.execute<SummaryRow>(sql`
    select ${SUMMARY_COLUMNS}, ${key}::text as sort_key
    from messages m ${SUMMARY_JOINS}
    where ${sql.join(filters, sql` and `)}
    order by ${key} ${direction}, m.id ${direction}
    limit ${input.limit + 1}`);
  return rows;
}

export async function countMessages(db: Database, userId: string): Promise<MessageCounts> {
  const { rows } = await db.execute<Record<keyof MessageCounts, string | number>>(sql`
    select
      (select count(*) from messages m where ${viewFilter('unanswered', userId)}) as unanswered,
      (select count(*) from messages m where ${viewFilter('mine', userId)}) as mine,
      (select count(*) from messages m where ${viewFilter('commitments_due', userId)}) as commitments_due,
      (select count(*) from messages m where ${viewFilter('overdue', userId)}) as overdue,
      (select count(*) from messages m where ${viewFilter('spam', userId)}) as spam`);
  const row = rows[0]!;
  return {
    unanswered: Number(row.unanswered),
    mine: Number(row.mine),
    commitments_due: Number(row.commitments_due),
    overdue: Number(row.overdue),
    spam: Number(row.spam),
  };
}

/**
 * The tags in use. Messages share few distinct sets of tags, so the query jumps from one set to the
 * next in messages_tag_sets_idx (one index probe per set) instead of reading every message: 1 ms
 * instead of 380 ms at a million messages.
 */
export async function listTags(db: Database): Promise<string[]> {
  const { rows } = await db.execute<{ tag: string }>(sql`
    with recursive sets as (
      (select tags from messages where tags <> '{}' order by tags limit 1)
      union all
      select (select m.tags from messages m where m.tags <> '{}' and m.tags > sets.tags order by m.tags limit 1)
      from sets where sets.tags is not null
    )
    select distinct unnest(tags) as tag from sets where tags is not null order by 1 limit 500`);
  return rows.map((row) => row.tag);
}

export type DetailRow = SummaryRow & {
  body: string;
  page_url: string | null;
  spam_signals: string[];
};

export async function findMessageDetail(db: Database, id: string): Promise<DetailRow | undefined> {
  const { rows } = await db.execute<DetailRow>(sql`
    select ${SUMMARY_COLUMNS}, m.created_at::text as sort_key, m.body, m.page_url, m.spam_signals
    from messages m ${SUMMARY_JOINS}
    where m.id = ${id}`);
  return rows[0];
}

/** The same customer's other messages, recognised by their email. */
export async function findCustomerMessages(db: Database, email: string, exceptId: string): Promise<SummaryRow[]> {
  const { rows } = await db.execute<SummaryRow>(sql`
    select ${SUMMARY_COLUMNS}, m.created_at::text as sort_key
    from messages m ${SUMMARY_JOINS}
    where lower(m.customer_email) = lower(${email}) and m.id <> ${exceptId}
    order by lower(m.customer_email), m.created_at desc
    limit 20`);
  return rows;
}

/** A timeline event with the name of the agent who acted. */
export type EventRow = TimelineEventRow & { actorName: string | null };

export async function findTimeline(db: Database, messageId: string, only?: 'public'): Promise<EventRow[]> {
  const { rows } = await db.execute<EventRow>(sql`
    select e.id, e.message_id as "messageId", e.type, e.visibility, e.actor_id as "actorId", u.name as "actorName",
           e.body, e.data, e.created_at as "createdAt"
    from timeline_events e left join users u on u.id = e.actor_id
    where e.message_id = ${messageId} ${only ? sql`and e.visibility = 'public'` : sql``}
    order by e.created_at, e.id`);
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

export type CommitmentRow = {
  id: string;
  message_id: string;
  reference: string;
  reply_event_id: string;
  description: string;
  due_on: string;
  owner_id: string | null;
  owner_name: string | null;
  status: 'open' | 'fulfilled' | 'dropped';
  overdue: boolean;
  outcome: string | null;
  created_at: Date | string;
  resolved_at: Date | string | null;
};

const COMMITMENT_SELECT = sql`
  select c.id, c.message_id, m.reference, c.reply_event_id, c.description, c.due_on::text as due_on, c.owner_id,
         u.name as owner_name, c.status, (c.status = 'open' and c.due_on < current_date) as overdue, c.outcome,
         c.created_at, c.resolved_at
  from commitments c join messages m on m.id = c.message_id left join users u on u.id = c.owner_id`;

export async function findCommitments(
  db: Database,
  filter: { messageId: string } | { status: 'open' | 'overdue'; ownerId?: string | undefined },
): Promise<CommitmentRow[]> {
  if ('messageId' in filter) {
    const { rows } = await db.execute<CommitmentRow>(
      sql`${COMMITMENT_SELECT} where c.message_id = ${filter.messageId} order by c.created_at, c.id`,
    );
    return rows;
  }
  const conditions = [sql`c.status = 'open'`];
  if (filter.status === 'overdue') conditions.push(sql`c.due_on < current_date`);
  if (filter.ownerId) conditions.push(sql`c.owner_id = ${filter.ownerId}`);
  const { rows } = await db.execute<CommitmentRow>(
    sql`${COMMITMENT_SELECT} where ${sql.join(conditions, sql` and `)} order by c.due_on, c.id limit 500`,
  );
  return rows;
}

export async function findCommitment(db: Database, id: string): Promise<CommitmentRow | undefined> {
  const { rows } = await db.execute<CommitmentRow>(sql`${COMMITMENT_SELECT} where c.id = ${id}`);
  return rows[0];
}
