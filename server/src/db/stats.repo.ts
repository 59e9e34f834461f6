// The dashboard's numbers for a period, read from the facts the database keeps at write time
// (message_facts, migrations/0014) and the commitments: one snapshot, so that the summary, the charts,
// the CSV and a Customer Day report read the same numbers. The inbox's drill-down filters are the
// same conditions, so a number's link lists exactly the messages behind it. The definitions are
// shared/src/stats.ts's; the README says them in words.
import { sql, type SQL } from 'drizzle-orm';
import type { CommitmentOutcome } from '@ecoute/shared/stats';
import { hasTag } from './messages.repo.ts';
import type { Db } from './transaction.ts';

/** The inbox's drill-down filters, as the dashboard's links carry them (agent-contract's STATS_FILTERS). */
export interface StatsFilters {
  /** Received in [receivedFrom, receivedBefore). */
  receivedFrom?: string | undefined;
  receivedBefore?: string | undefined;
  answered?: 'yes' | 'no' | undefined;
  firstReplyBy?: string | undefined;
  /** First reply by the agent, or not replied yet and assigned to them. */
  handledBy?: string | undefined;
  breached?: 'acknowledge' | 'first_reply' | undefined;
  /** Waiting (unanswered) since an instant in [waitingFrom, waitingBefore). */
  waitingFrom?: string | undefined;
  waitingBefore?: string | undefined;
  /** Has a commitment that stands so now: owned by `ownerId`, due in [dueFrom, dueTo], made in [madeFrom, madeBefore). */
  commitment?: CommitmentOutcome | undefined;
  ownerId?: string | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  madeFrom?: string | undefined;
  madeBefore?: string | undefined;
}

/**
 * Whether the working time from `from` to `to` in the team's clock (`t`) is over `limit` seconds:
 * working_seconds stops counting once past it (and is not called around the clock).
 */
const workingTimeOver = (from: SQL, to: SQL, limit: SQL) =>
  sql`(case when t.working_hours is null then extract(epoch from ${to} - ${from}) > ${limit}
            else working_seconds(${from}, ${to}, t.time_zone, t.working_hours, ${limit}) > ${limit} end)`;

/**
 * Later than the team's target (`f` the message's facts, `t` its team): the event came after it, or
 * has not come and the target has passed.
 */
function breached(kind: 'acknowledge' | 'first_reply'): SQL {
  const [at, seconds, target] =
    kind === 'acknowledge'
      ? [sql`f.acknowledged_at`, sql`f.working_seconds_to_acknowledge`, sql`t.acknowledge_target_minutes`]
      : [sql`f.first_reply_at`, sql`f.working_seconds_to_first_reply`, sql`t.first_reply_target_minutes`];
  return sql`(case when ${at} is not null then ${seconds} > ${target} * 60
                   else ${workingTimeOver(sql`f.received_at`, sql`now()`, sql`${target} * 60`)} end)`;
}

/** shared/src/stats.ts's commitmentOutcome, for `c` a commitment and `t` its message's team. */
const COMMITMENT_OUTCOME = sql`(case
  when c.status = 'dropped' then 'dropped'
  when c.status = 'fulfilled' then
    case when (c.resolved_at at time zone t.time_zone)::date > c.due_on then 'kept_late' else 'kept_on_time' end
  when (now() at time zone t.time_zone)::date > c.due_on then 'overdue'
  else 'open' end)`;

/** The conditions on `m` (messages) that the drill-down filters make. */
export function statsConditions(filters: StatsFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.receivedFrom) conditions.push(sql`m.created_at >= ${filters.receivedFrom}::timestamptz`);
  if (filters.receivedBefore) conditions.push(sql`m.created_at < ${filters.receivedBefore}::timestamptz`);
  if (filters.waitingFrom) conditions.push(sql`m.waiting_since >= ${filters.waitingFrom}::timestamptz`);
  if (filters.waitingBefore) conditions.push(sql`m.waiting_since < ${filters.waitingBefore}::timestamptz`);
  const facts: SQL[] = [];
  if (filters.answered)
    facts.push(filters.answered === 'yes' ? sql`f.first_reply_at is not null` : sql`f.first_reply_at is null`);
  if (filters.firstReplyBy) facts.push(sql`f.first_reply_by = ${filters.firstReplyBy}`);
  if (filters.handledBy) facts.push(handledBy(filters.handledBy));
  if (filters.breached) facts.push(breached(filters.breached));
  if (facts.length > 0) {
    conditions.push(sql`exists (select 1 from message_facts f join teams t on t.id = f.team_id
                                where f.message_id = m.id and not f.spam and ${sql.join(facts, sql` and `)})`);
  }
  if (filters.commitment) conditions.push(sql`exists (${commitmentsOf(sql`m.id`, filters)})`);
  return conditions;
}

/**
 * `f`'s message was first replied by the agent, or is not replied yet and is theirs. The assignee is
 * looked up by id for the unreplied rows only: written as `exists`, under the `or`, PostgreSQL hashed
 * every message ever assigned to the agent first (a seq scan of messages, 0.5 s at a million).
 */
const handledBy = (agentId: string) =>
  sql`(f.first_reply_by = ${agentId} or (f.first_reply_at is null and
        coalesce((select a.assignee_id from messages a where a.id = f.message_id) = ${agentId}, false)))`;

function commitmentsOf(messageId: SQL, filters: StatsFilters): SQL {
  const conditions = [
    sql`c.message_id = ${messageId}`,
    sql`${COMMITMENT_OUTCOME} = ${filters.commitment}`,
    ...(filters.ownerId ? [sql`c.owner_id = ${filters.ownerId}`] : []),
    ...(filters.dueFrom ? [sql`c.due_on >= ${filters.dueFrom}::date`] : []),
    ...(filters.dueTo ? [sql`c.due_on <= ${filters.dueTo}::date`] : []),
    ...(filters.madeFrom ? [sql`c.created_at >= ${filters.madeFrom}::timestamptz`] : []),
    ...(filters.madeBefore ? [sql`c.created_at < ${filters.madeBefore}::timestamptz`] : []),
  ];
  return sql`select 1 from commitments c join messages cm on cm.id = c.message_id join teams t on t.id = cm.team_id
             where ${sql.join(conditions, sql` and `)}`;
}

export interface StatsScope {
  /** The period: received (or commitments made) in [start, end). */
  start: Date;
  end: Date;
  /** The time zone weeks are cut in. */
  timeZone: string;
  teamId?: string | undefined;
  agentId?: string | undefined;
  /** Only the messages with this tag (a tag's weekly digest). */
  tag?: string | undefined;
}

/** Counts and times of a group of messages received in the period. */
export interface FactsGroupRow {
  received: number;
  answered: number;
  acknowledgeMedian: number | null;
  acknowledgeP90: number | null;
  firstReplyMedian: number | null;
  firstReplyP90: number | null;
  acknowledgeBreached: number;
  firstReplyBreached: number;
}

export interface UnansweredRow {
  count: number;
  teamId: string | null;
  assigneeId: string | null;
}

export type BreachRow = {
  messageId: string;
  reference: string;
  teamId: string;
  kind: 'acknowledge' | 'first_reply';
  workingSeconds: number;
  targetSeconds: number;
  firstReplyBy: string | null;
  receivedAt: string;
};

export interface CommitmentCountRow {
  outcome: CommitmentOutcome;
  commitments: number;
  messages: number;
}

export interface StatsSnapshot {
  /** The database's time the snapshot was taken at: ages and overdue are as of it. */
  now: Date;
  all: FactsGroupRow;
  teams: Array<FactsGroupRow & { teamId: string }>;
  agents: Array<FactsGroupRow & { agentId: string }>;
  weeks: Array<FactsGroupRow & { weekStart: Date }>;
  unanswered: {
    count: number;
    oldest: { id: string; reference: string; waitingSince: Date } | null;
    /** Counts waiting since an instant in [from, before), for each bucket asked for. */
    buckets: number[];
    byTeam: Array<{ teamId: string; count: number }>;
    byAssignee: Array<{ assigneeId: string; count: number }>;
  };
  breaches: BreachRow[];
  /** Commitments made in the period, by where they stand now. */
  commitmentsMade: CommitmentCountRow[];
  /** All commitments open now (not yet late), overdue now, and open and due in [dueFrom, dueTo]. */
  commitmentsNow: { open: CommitmentCountRow; overdue: CommitmentCountRow; dueThisWeek: CommitmentCountRow };
}

const BREACHES_LISTED = 50;

/** The scope's conditions on `f` (message_facts) and `t` (its team). */
function factsScope(scope: StatsScope): SQL {
  return sql.join(
    [
      sql`not f.spam`,
      sql`f.received_at >= ${scope.start.toISOString()}::timestamptz`,
      sql`f.received_at < ${scope.end.toISOString()}::timestamptz`,
      ...(scope.teamId ? [sql`f.team_id = ${scope.teamId}`] : []),
      ...(scope.agentId ? [handledBy(scope.agentId)] : []),
      ...(scope.tag ? [tagged(sql`f.message_id`, scope.tag)] : []),
    ],
    sql` and `,
  );
}

/** The scope's facts (`f`) with their team (`t`, its targets): what the aggregate and the breaches read. */
const scopedFacts = (scope: StatsScope) =>
  sql`from message_facts f join teams t on t.id = f.team_id where ${factsScope(scope)}`;

/** The message with this id has the tag. */
const tagged = (messageId: SQL, tag: string) =>
  sql`exists (select 1 from messages tm where tm.id = ${messageId} and ${hasTag(sql`tm.tags`, tag)})`;

const toGroup = (row: Record<string, unknown>): FactsGroupRow => ({
  received: Number(row.received),
  answered: Number(row.answered),
  acknowledgeMedian: row.ack_median === null ? null : Number(row.ack_median),
  acknowledgeP90: row.ack_p90 === null ? null : Number(row.ack_p90),
  firstReplyMedian: row.reply_median === null ? null : Number(row.reply_median),
  firstReplyP90: row.reply_p90 === null ? null : Number(row.reply_p90),
  acknowledgeBreached: Number(row.ack_breached ?? 0),
  firstReplyBreached: Number(row.reply_breached ?? 0),
});

/**
 * Everything the dashboard shows for a scope, in one read-only snapshot. `buckets` gives the instants
 * the unanswered ages are cut at, newest first: bucket i waits since [bound i, bound i-1 or now), the
 * last one since before the oldest bound. `dueWeek`: the days open commitments are counted due in.
 */
export async function statsOverview(
  db: Db,
  scope: StatsScope,
  buckets: (now: Date) => Date[],
  dueWeek: (now: Date) => { from: string; to: string },
): Promise<StatsSnapshot> {
  return db.transaction(
    async (tx) => {
      // For this snapshot only: JIT compiling took a quarter of a second of a year's aggregate and
      // saved nothing, and the sorts of the percentiles spilled to disk at the default work_mem.
      const [{ now } = { now: new Date() }] = (
        await tx.execute<{ now: string }>(
          sql`select now()::text as now, set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`,
        )
      ).rows.map((row) => ({ now: new Date(row.now) }));
      // The aggregate sorts its rows once per grouping set and each group's times once per
      // percentile: it reads only the columns it groups and counts by, so that they sort in memory.
      const groups = await tx.execute<Record<string, unknown>>(sql`
        with facts as materialized (
          select f.team_id, f.first_reply_by,
                 date_trunc('week', f.received_at at time zone ${scope.timeZone}) at time zone ${scope.timeZone} as week,
                 f.first_reply_at is not null as answered,
                 f.working_seconds_to_acknowledge as ack, f.working_seconds_to_first_reply as reply,
                 ${breached('acknowledge')} as ack_breached, ${breached('first_reply')} as reply_breached
          ${scopedFacts(scope)})
        select grouping(team_id) = 0 as by_team, grouping(first_reply_by) = 0 as by_agent, grouping(week) = 0 as by_week,
               team_id, first_reply_by, extract(epoch from week)::float8 as week_epoch,
               count(*) as received, count(*) filter (where answered) as answered,
               percentile_disc(0.5) within group (order by ack) as ack_median,
               percentile_disc(0.9) within group (order by ack) as ack_p90,
               percentile_disc(0.5) within group (order by reply) as reply_median,
               percentile_disc(0.9) within group (order by reply) as reply_p90,
               count(*) filter (where ack_breached) as ack_breached,
               count(*) filter (where reply_breached) as reply_breached
        from facts
        group by grouping sets ((), (team_id), (first_reply_by), (week))`);
      // Without a message in the period, the grand total is still one row (count 0).
      const snapshot: Pick<StatsSnapshot, 'all' | 'teams' | 'agents' | 'weeks'> = {
        all: toGroup({
          received: 0,
          answered: 0,
          ack_median: null,
          ack_p90: null,
          reply_median: null,
          reply_p90: null,
        }),
        teams: [],
        agents: [],
        weeks: [],
      };
      for (const row of groups.rows) {
        const group = toGroup(row);
        if (row.by_team) snapshot.teams.push({ ...group, teamId: row.team_id as string });
        else if (row.by_agent) {
          if (row.first_reply_by) snapshot.agents.push({ ...group, agentId: row.first_reply_by as string });
        } else if (row.by_week) snapshot.weeks.push({ ...group, weekStart: new Date(Number(row.week_epoch) * 1000) });
        else snapshot.all = group;
      }
      snapshot.weeks.sort((a, b) => a.weekStart.getTime() - b.weekStart.getTime());

      const breaches = await tx.execute<BreachRow>(sql`
        with facts as (
          select f.message_id, f.team_id, f.first_reply_by, f.received_at,
                 f.working_seconds_to_acknowledge as ack, f.working_seconds_to_first_reply as reply,
                 ${breached('acknowledge')} as ack_breached, ${breached('first_reply')} as reply_breached,
                 t.acknowledge_target_minutes * 60 as ack_target, t.first_reply_target_minutes * 60 as reply_target
          ${scopedFacts(scope)})
        select f.message_id as "messageId", m.reference, f.team_id as "teamId", b.kind,
               b.seconds as "workingSeconds", b.target as "targetSeconds",
               f.first_reply_by as "firstReplyBy", f.received_at::text as "receivedAt"
        from facts f join messages m on m.id = f.message_id
        cross join lateral (values ('acknowledge', f.ack, f.ack_target, f.ack_breached),
                                   ('first_reply', f.reply, f.reply_target, f.reply_breached)) b(kind, seconds, target, hit)
        where b.hit
        order by f.received_at, f.message_id, b.kind
        limit ${BREACHES_LISTED}`);

      const bounds = buckets(now);
      const unansweredScope = sql.join(
        [
          sql`m.status = 'unanswered'`,
          ...(scope.teamId ? [sql`m.team_id = ${scope.teamId}`] : []),
          ...(scope.agentId ? [sql`m.assignee_id = ${scope.agentId}`] : []),
          ...(scope.tag ? [hasTag(sql`m.tags`, scope.tag)] : []),
        ],
        sql` and `,
      );
      const bucketCounts = bounds.map((bound, index) => {
        const newer =
          index === 0 ? sql`${now.toISOString()}::timestamptz` : sql`${bounds[index - 1]!.toISOString()}::timestamptz`;
        return sql`count(*) filter (where m.waiting_since >= ${bound.toISOString()}::timestamptz
                                    and m.waiting_since < ${newer}) as ${sql.raw(`b${index}`)}`;
      });
      const oldestBound = bounds.at(-1)!;
      const unanswered = await tx.execute<Record<string, unknown>>(sql`
        select grouping(m.team_id) = 0 as by_team, grouping(m.assignee_id) = 0 as by_assignee, m.team_id, m.assignee_id,
               count(*) as count,
               ${sql.join(bucketCounts, sql`, `)},
               count(*) filter (where m.waiting_since < ${oldestBound.toISOString()}::timestamptz) as ${sql.raw(`b${bounds.length}`)}
        from messages m where ${unansweredScope}
        group by grouping sets ((), (m.team_id), (m.assignee_id))`);
      const [oldest] = (
        await tx.execute<{ id: string; reference: string; waitingSince: string }>(sql`
          select m.id, m.reference, m.waiting_since::text as "waitingSince" from messages m where ${unansweredScope}
          order by m.waiting_since, m.id limit 1`)
      ).rows;
      let total = { count: 0, buckets: [...bounds, null].map(() => 0) };
      const byTeam: StatsSnapshot['unanswered']['byTeam'] = [];
      const byAssignee: StatsSnapshot['unanswered']['byAssignee'] = [];
      for (const row of unanswered.rows) {
        if (row.by_team) byTeam.push({ teamId: row.team_id as string, count: Number(row.count) });
        else if (row.by_assignee) {
          if (row.assignee_id) byAssignee.push({ assigneeId: row.assignee_id as string, count: Number(row.count) });
        } else {
          total = { count: Number(row.count), buckets: [...bounds, null].map((_, index) => Number(row[`b${index}`])) };
        }
      }

      const commitmentScope = sql.join(
        [
          sql`not f.spam`,
          ...(scope.teamId ? [sql`f.team_id = ${scope.teamId}`] : []),
          ...(scope.agentId ? [sql`c.owner_id = ${scope.agentId}`] : []),
          ...(scope.tag ? [tagged(sql`c.message_id`, scope.tag)] : []),
        ],
        sql` and `,
      );
      const due = dueWeek(now);
      // Only the commitments some part counts: made in the period, or still open (the only status that
      // stands open or overdue now); the others, most of them, need no outcome. Their messages' facts
      // are looked up one by one (`offset 0` keeps the lookup from being flattened into a join, which
      // PostgreSQL ran as a hash join over every message's facts, twice as slow).
      const commitments = await tx.execute<Record<string, unknown>>(sql`
        with scoped as (
          select c.message_id, c.created_at, c.due_on, ${COMMITMENT_OUTCOME} as outcome
          from commitments c
          cross join lateral (select f.team_id, f.spam from message_facts f where f.message_id = c.message_id offset 0) f
          join teams t on t.id = f.team_id
          where ${commitmentScope}
            and ((c.created_at >= ${scope.start.toISOString()}::timestamptz
                  and c.created_at < ${scope.end.toISOString()}::timestamptz) or c.status = 'open')
        )
        select 'made' as part, outcome, count(*) as commitments, count(distinct message_id) as messages from scoped
        where created_at >= ${scope.start.toISOString()}::timestamptz and created_at < ${scope.end.toISOString()}::timestamptz
        group by outcome
        union all
        select outcome, outcome, count(*), count(distinct message_id) from scoped
        where outcome in ('open', 'overdue') group by outcome
        union all
        select 'due', 'open', count(*), count(distinct message_id) from scoped
        where outcome = 'open' and due_on between ${due.from}::date and ${due.to}::date`);
      const count = (row: Record<string, unknown> | undefined, outcome: CommitmentOutcome): CommitmentCountRow => ({
        outcome,
        commitments: Number(row?.commitments ?? 0),
        messages: Number(row?.messages ?? 0),
      });
      const part = (name: string) => commitments.rows.filter((row) => row.part === name);
      return {
        now,
        ...snapshot,
        unanswered: {
          count: total.count,
          oldest: oldest
            ? { id: oldest.id, reference: oldest.reference, waitingSince: new Date(oldest.waitingSince) }
            : null,
          buckets: total.buckets,
          byTeam,
          byAssignee,
        },
        breaches: breaches.rows.map((row) => ({
          ...row,
          workingSeconds: Number(row.workingSeconds),
          targetSeconds: Number(row.targetSeconds),
        })),
        commitmentsMade: part('made').map((row) => count(row, row.outcome as CommitmentOutcome)),
        commitmentsNow: {
          open: count(part('open')[0], 'open'),
          overdue: count(part('overdue')[0], 'overdue'),
          dueThisWeek: count(part('due')[0], 'open'),
        },
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** The names of the agents the numbers are credited to, whether still active or not. */
export async function agentNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`select id, name from users where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Where a team's measuring stopped: the last message measured, in arrival order. */
export interface TeamFactsCursor {
  createdAt: string;
  id: string;
}

/**
 * Measures again, with the team's clock as it is now, the facts of its next `limit` messages after
 * `after` in arrival order (messages_team_created_at_idx); where it stopped, or undefined once none is left.
 */
export async function refreshTeamFacts(
  db: Db,
  { teamId, after, limit }: { teamId: string; after: TeamFactsCursor | undefined; limit: number },
): Promise<TeamFactsCursor | undefined> {
  const { rows } = await db.execute<{ createdAt: string; id: string }>(sql`
    with batch as (
      select id, created_at from messages
      where team_id = ${teamId} ${after ? sql`and (created_at, id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``}
      order by created_at, id limit ${limit}
    ),
    refreshed as (select refresh_message_facts(array(select id from batch)))
    select created_at::text as "createdAt", id from batch, refreshed
    order by created_at desc, id desc limit 1`);
  return rows[0];
}
