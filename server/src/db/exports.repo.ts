// The rows of the CSV exports, one keyset page at a time (never the whole table, never OFFSET): messages
// with their times, commitments with their message. Pages follow (created_at, id), the order of
// messages_created_at_idx, messages_team_created_at_idx and commitments_created_at_idx (migrations/0017).
// Times are printed by the database, ISO 8601 in UTC to the millisecond, the same on both drivers.
import { sql, type SQL } from 'drizzle-orm';
import type { CommitmentStatus, MessageStatus } from '@ecoute/shared/statuses';
import type { Locale } from '@ecoute/shared/locale';
import type { Db } from './transaction.ts';

export interface ExportFilters {
  /** Days (YYYY-MM-DD, UTC), both included. */
  from?: string | undefined;
  to?: string | undefined;
  teamId?: string | undefined;
}

/** Where the previous page stopped: its last row's created_at as PostgreSQL prints it (to the µs), and id. */
export type ExportCursor = [sortKey: string, id: string];

type Paged = {
  id: string;
  sortKey: string;
};

export type MessageExportRow = Paged & {
  reference: string;
  receivedAt: string;
  acknowledgedAt: string | null;
  firstReplyAt: string | null;
  firstReplyBy: string | null;
  secondsToFirstReply: number | null;
  lastCustomerTurnAt: string;
  status: MessageStatus;
  team: string;
  assignee: string | null;
  locale: Locale;
  form: string;
  tags: string;
  customerName: string | null;
  body: string;
};

export type CommitmentExportRow = Paged & {
  reference: string;
  description: string;
  owner: string | null;
  dueOn: string;
  state: CommitmentStatus;
  madeAt: string;
  keptAt: string | null;
  droppedAt: string | null;
  outcome: string | null;
};

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function periodConditions(createdAt: SQL, filters: ExportFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.from) conditions.push(sql`${createdAt} >= (${filters.from}::date)::timestamp at time zone 'UTC'`);
  if (filters.to) conditions.push(sql`${createdAt} < (${filters.to}::date + 1)::timestamp at time zone 'UTC'`);
  if (filters.teamId) conditions.push(sql`m.team_id = ${filters.teamId}`);
  return conditions;
}

/**
 * Each message's times as the dashboard reads them (the stats facts, shared/src/stats.ts, kept by
 * the database: migrations/0014): acknowledged and first replied, who wrote that reply, the time to
 * it in the team's working time, and when the customer's last turn began.
 */
function messageTimesJoin(): SQL {
  return sql`left join message_facts facts on facts.message_id = m.id
    left join users replier on replier.id = facts.first_reply_by
    left join lateral (select max(ct.started_at) as started_at from customer_turns ct
                       where ct.message_id = m.id) last_turn on true`;
}

const keysetAfter = (createdAt: SQL, id: SQL, after: ExportCursor | undefined) =>
  after ? [sql`(${createdAt}, ${id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`] : [];

const where = (conditions: SQL[]) => (conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``);

/** The next `limit` messages received in the period, oldest first, after `after`. */
export async function findMessageExportPage(
  db: Db,
  filters: ExportFilters,
  after: ExportCursor | undefined,
  limit: number,
): Promise<MessageExportRow[]> {
  const conditions = [
    ...periodConditions(sql`m.created_at`, filters),
    ...keysetAfter(sql`m.created_at`, sql`m.id`, after),
  ];
  const { rows } = await db.execute<MessageExportRow>(sql`
    select m.id, m.created_at::text as "sortKey", m.reference,
           ${iso(sql`m.created_at`)} as "receivedAt",
           ${iso(sql`facts.acknowledged_at`)} as "acknowledgedAt",
           ${iso(sql`facts.first_reply_at`)} as "firstReplyAt", replier.name as "firstReplyBy",
           round(facts.working_seconds_to_first_reply)::int as "secondsToFirstReply",
           ${iso(sql`coalesce(last_turn.started_at, m.created_at)`)} as "lastCustomerTurnAt",
           m.status, t.name as team, u.name as assignee, m.locale, f.name as form,
           array_to_string(m.tags, ' ') as tags, m.customer_name as "customerName", m.body
    from messages m
    join forms f on f.id = m.form_id
    join teams t on t.id = m.team_id
    left join users u on u.id = m.assignee_id
    ${messageTimesJoin()}
    ${where(conditions)}
    order by m.created_at, m.id
    limit ${limit}`);
  return rows;
}

/** The next `limit` commitments made in the period (of the team's messages), oldest first, after `after`. */
export async function findCommitmentExportPage(
  db: Db,
  filters: ExportFilters,
  after: ExportCursor | undefined,
  limit: number,
): Promise<CommitmentExportRow[]> {
  const conditions = [
    ...periodConditions(sql`c.created_at`, filters),
    ...keysetAfter(sql`c.created_at`, sql`c.id`, after),
  ];
  const { rows } = await db.execute<CommitmentExportRow>(sql`
    select c.id, c.created_at::text as "sortKey", m.reference, c.description, u.name as owner,
           c.due_on::text as "dueOn", c.status as state, ${iso(sql`c.created_at`)} as "madeAt",
           case when c.status = 'fulfilled' then ${iso(sql`c.resolved_at`)} end as "keptAt",
           case when c.status = 'dropped' then ${iso(sql`c.resolved_at`)} end as "droppedAt",
           c.outcome
    from commitments c
    join messages m on m.id = c.message_id
    left join users u on u.id = c.owner_id
    ${where(conditions)}
    order by c.created_at, c.id
    limit ${limit}`);
  return rows;
}
