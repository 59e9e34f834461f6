// The agents' reading side: inbox views with keyset pagination, ranked full-text search, counts, and
// one message with everything around it. Query shapes match the indexes in schema/messages.ts; the
// numbers behind them are in bench/RESULTS.md.
import { sql, type SQL } from 'drizzle-orm';
import type { MessageCounts, MessageView } from '@ecoute/shared/agent-contract';
import type { CustomerEmailState, MessageStatus } from '@ecoute/shared/statuses';
import type { Locale } from '@ecoute/shared/locale';
import { AGENT_LIMITS } from '@ecoute/shared/agent-values';
import { hasTag } from './messages.repo.ts';
import { statsConditions, type StatsFilters } from './stats.repo.ts';
import type { Db } from './transaction.ts';
import { usesWord } from './words.repo.ts';

/** A message as the inbox lists it. */
export type MessageSummaryRow = {
  id: string;
  reference: string;
  status: MessageStatus;
  excerpt: string;
  customerName: string | null;
  customerEmail: string | null;
  locale: Locale;
  formName: string;
  tags: string[];
  teamId: string;
  teamName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: Date | string;
  waitingSince: Date | string;
  /** The sort key as PostgreSQL prints it: exact to the microsecond, for the cursor. */
  sortKey: string;
};

// Raw SQL: the ranked search below reads from a union of slices, which the query builder cannot say;
// the other listings share its columns so that every summary is read the same way.
const SUMMARY_COLUMNS = sql`m.id, m.reference, m.status, left(m.body, 200) as excerpt,
  m.customer_name as "customerName", m.customer_email as "customerEmail", m.locale, f.name as "formName", m.tags,
  m.team_id as "teamId", t.name as "teamName", m.assignee_id as "assigneeId", u.name as "assigneeName", m.created_at as "createdAt",
  m.waiting_since as "waitingSince"`;
const SUMMARY_JOINS = sql`join forms f on f.id = m.form_id join teams t on t.id = m.team_id
  left join users u on u.id = m.assignee_id`;

function viewFilter(view: MessageView, userId: string): SQL {
  switch (view) {
    case 'unanswered':
      return sql`m.status = 'unanswered'`;
    case 'mine':
      // What is still mine to do: once closed, a message is found in `closed` (or `all`).
      return sql`m.assignee_id = ${userId} and m.status in ('unanswered', 'committed')`;
    case 'team':
      // What my teams still have to do.
      return sql`m.team_id in (select team_id from team_members where user_id = ${userId})
                 and m.status in ('unanswered', 'committed')`;
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

/** Filters on top of a view; `assigneeId: 'none'` is messages nobody has. */
export interface InboxFilters {
  tag?: string | undefined;
  teamId?: string | undefined;
  assigneeId?: string | undefined;
  formId?: string | undefined;
  locale?: Locale | undefined;
  /** Days (YYYY-MM-DD, UTC), both included. */
  from?: string | undefined;
  to?: string | undefined;
  /** The dashboard's drill-downs (stats.repo.ts). */
  stats?: StatsFilters | undefined;
  /** A term of the customers' words (words.repo.ts): stems joined by spaces. */
  word?: string | undefined;
}

function filterConditions(filters: InboxFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.tag) conditions.push(hasTag(sql`m.tags`, filters.tag));
  if (filters.teamId) conditions.push(sql`m.team_id = ${filters.teamId}`);
  if (filters.assigneeId === 'none') conditions.push(sql`m.assignee_id is null`);
  else if (filters.assigneeId) conditions.push(sql`m.assignee_id = ${filters.assigneeId}`);
  if (filters.formId) conditions.push(sql`m.form_id = ${filters.formId}`);
  if (filters.locale) conditions.push(sql`m.locale = ${filters.locale}`);
  if (filters.from) conditions.push(sql`m.created_at >= (${filters.from}::date)::timestamp at time zone 'UTC'`);
  if (filters.to) {
    conditions.push(sql`m.created_at < (${filters.to}::date + 1)::timestamp at time zone 'UTC'`);
  }
  if (filters.stats) conditions.push(...statsConditions(filters.stats));
  if (filters.word) conditions.push(usesWord(filters.word));
  return conditions;
}

export interface ListInput extends InboxFilters {
  view: MessageView;
  userId: string;
  q?: string | undefined;
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
export async function listMessages(db: Db, input: ListInput): Promise<MessageSummaryRow[]> {
  const filters = [viewFilter(input.view, input.userId), ...filterConditions(input)];
  const q = input.q?.trim();
  if (q) {
    const offset = input.cursor && 'offset' in input.cursor ? input.cursor.offset : 0;
    const { rows } = await db.execute<MessageSummaryRow>(sql`
      with matches as (${searchMatches(filters, q)})
      select ${SUMMARY_COLUMNS}, m.created_at::text as "sortKey"
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
  const { rows } = await db.execute<MessageSummaryRow>(sql`
    select ${SUMMARY_COLUMNS}, ${key}::text as "sortKey"
    from messages m ${SUMMARY_JOINS}
    where ${sql.join(filters, sql` and `)}
    order by ${key} ${direction}, m.id ${direction}
    limit ${input.limit + 1}`);
  return rows;
}

export async function countMessages(db: Db, userId: string): Promise<MessageCounts> {
  const { rows } = await db.execute<Record<keyof MessageCounts, string | number>>(sql`
    select
      (select count(*) from messages m where ${viewFilter('unanswered', userId)}) as unanswered,
      (select count(*) from messages m where ${viewFilter('mine', userId)}) as mine,
      (select count(*) from messages m where ${viewFilter('team', userId)}) as team,
      (select count(*) from messages m where ${viewFilter('commitments_due', userId)}) as commitments_due,
      (select count(*) from messages m where ${viewFilter('overdue', userId)}) as overdue,
      (select count(*) from messages m where ${viewFilter('spam', userId)}) as spam`);
  const row = rows[0]!;
  return {
    unanswered: Number(row.unanswered),
    mine: Number(row.mine),
    team: Number(row.team),
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
export async function listTags(db: Db): Promise<string[]> {
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

/** A message as an agent reads it. */
export type MessageDetailRow = MessageSummaryRow & {
  body: string;
  pageUrl: string | null;
  spamSignals: string[];
  customerEmailState: CustomerEmailState;
};

export async function findMessageDetail(db: Db, id: string): Promise<MessageDetailRow | undefined> {
  const { rows } = await db.execute<MessageDetailRow>(sql`
    select ${SUMMARY_COLUMNS}, m.created_at::text as "sortKey", m.body, m.page_url as "pageUrl",
           m.spam_signals as "spamSignals", m.customer_email_state as "customerEmailState"
    from messages m ${SUMMARY_JOINS}
    where m.id = ${id}`);
  return rows[0];
}

/** The same customer's other messages, recognised by their email. */
export async function findCustomerMessages(db: Db, email: string, exceptId: string): Promise<MessageSummaryRow[]> {
  const { rows } = await db.execute<MessageSummaryRow>(sql`
    select ${SUMMARY_COLUMNS}, m.created_at::text as "sortKey"
    from messages m ${SUMMARY_JOINS}
    where lower(m.customer_email) = lower(${email}) and m.id <> ${exceptId}
    order by lower(m.customer_email), m.created_at desc
    limit 20`);
  return rows;
}
