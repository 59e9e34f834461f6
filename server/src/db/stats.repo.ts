// The dashboard's numbers for a period, read from the facts the database keeps at write time
// (message_facts, migrations/0014) and the commitments: one snapshot, so that the summary, the charts,
// the CSV and a Customer Day report read the same numbers. The inbox's drill-down filters are the
// same conditions, so a number's link lists exactly the messages behind it. The definitions are
// shared/src/stats.ts's; the README says them in words.
import { sql, type SQL } from 'drizzle-orm';
import { utcDay } from '@ecoute/shared/calendar';
import type { CommitmentOutcome, Period } from '@ecoute/shared/stats';
import { hasTag } from './messages.repo.ts';
import { planPeriod, rankedBucket, ZERO_BUCKET } from './stats-plan.ts';
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
  return sql`select 1 from commitments c join teams t on t.id = c.team_id where ${sql.join(conditions, sql` and `)}`;
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

/** The scope's conditions on `f` (message_facts) other than the period. */
function scopeFilters(scope: StatsScope): SQL {
  return sql.join(
    [
      sql`not f.spam`,
      ...(scope.teamId ? [sql`f.team_id = ${scope.teamId}`] : []),
      ...(scope.agentId ? [handledBy(scope.agentId)] : []),
      ...(scope.tag ? [tagged(sql`f.message_id`, scope.tag)] : []),
    ],
    sql` and `,
  );
}

/** The scope's conditions on `f` (message_facts), the period's included. */
const factsScope = (scope: StatsScope) =>
  sql`${scopeFilters(scope)} and f.received_at >= ${at(scope.start)} and f.received_at < ${at(scope.end)}`;

/** The scope's facts (`f`) with their team (`t`, its targets): what the aggregate and the breaches read. */
const scopedFacts = (scope: StatsScope) =>
  sql`from message_facts f join teams t on t.id = f.team_id where ${factsScope(scope)}`;

/** The message with this id has the tag. */
const tagged = (messageId: SQL, tag: string) =>
  sql`exists (select 1 from messages tm where tm.id = ${messageId} and ${hasTag(sql`tm.tags`, tag)})`;

type Measure =
  'received' | 'answered' | 'acknowledge_breached' | 'first_reply_breached' | 'acknowledge' | 'first_reply';
type TimeMeasure = 'acknowledge' | 'first_reply';

/** A group's counts and its two histograms (bucket → times in it), summed from the rollup and the facts. */
interface Tally {
  counts: Record<Exclude<Measure, TimeMeasure>, number>;
  histograms: Record<TimeMeasure, Map<number, number>>;
}

const newTally = (): Tally => ({
  counts: { received: 0, answered: 0, acknowledge_breached: 0, first_reply_breached: 0 },
  histograms: { acknowledge: new Map(), first_reply: new Map() },
});

function add(tally: Tally, measure: Measure, bucket: number, n: number) {
  if (measure === 'acknowledge' || measure === 'first_reply') {
    const histogram = tally.histograms[measure];
    histogram.set(bucket, (histogram.get(bucket) ?? 0) + n);
  } else tally.counts[measure] += n;
}

/** The column of message_facts a time measure reads. */
const TIME_COLUMN: Record<TimeMeasure, SQL> = {
  acknowledge: sql`f.working_seconds_to_acknowledge`,
  first_reply: sql`f.working_seconds_to_first_reply`,
};

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;
const day = (date: Date) => sql`${utcDay(date)}::date`;

/** A `values` list of rows, each a list of SQL expressions. */
const valuesOf = (rows: SQL[][]) =>
  sql.join(
    rows.map((row) => sql`(${sql.join(row, sql`, `)})`),
    sql`, `,
  );

/** Every week is read fact by fact, each fact once: the replier of each is known, no second read is needed. */
const agentsInSlices = (plan: ReturnType<typeof planPeriod>) => plan.slices.every((slice) => slice.days === null);

/**
 * The rows the aggregate sums, as (part, slice, team_id, agent_id, measure, bucket, n): part `weeks`
 * counts for its week's slice, its team and the whole period; part `agents` for its replier.
 * - the rollup's rows (days per team for the weeks, UTC weeks per replier for the agents);
 * - the facts outside them, fact by fact with the breaches as of now (breached), `sign` times;
 * - inside them, the breaches that depend on now: of messages not acknowledged or not answered yet,
 *   which the rollup does not count.
 */
function aggregateRows(scope: StatsScope, plan: ReturnType<typeof planPeriod>): SQL {
  const team = scope.teamId ? sql` and r.team_id = ${scope.teamId}` : sql``;
  const sources: SQL[] = [];
  const sealedDays = plan.slices.flatMap((slice, index) => (slice.days ? [{ index, days: slice.days }] : []));
  const covered: Array<{ part: string; index: number | null; period: Period }> = sealedDays.map(({ index, days }) => ({
    part: 'weeks',
    index,
    period: days,
  }));
  if (sealedDays.length > 0) {
    sources.push(sql`
      select 'weeks' as part, s.slice, r.team_id, null::uuid as agent_id, r.measure, r.bucket, sum(r.n) as n
      from (values ${valuesOf(sealedDays.map(({ index, days }) => [sql`${index}::int`, day(days.start), day(days.end)]))})
           s(slice, from_day, to_day)
      -- Each week's days along the rollup's key: joined (or flattened, without the offset), they were
      -- read by a scan of all its rows.
      cross join lateral (select r.team_id, r.measure, r.bucket, r.n from stats_rollup r
                          where r.span = 'day' and r.start >= s.from_day and r.start < s.to_day
                            and r.agent_id is null${team} offset 0) r
      group by s.slice, r.team_id, r.measure, r.bucket`);
  }
  if (plan.agents.weeks && !agentsInSlices(plan)) {
    covered.push({ part: 'agents', index: null, period: plan.agents.weeks });
    sources.push(sql`
      select 'agents' as part, null::int as slice, r.team_id, r.agent_id, r.measure, r.bucket, sum(r.n) as n
      from stats_rollup r
      where r.span = 'week' and r.start >= ${day(plan.agents.weeks.start)} and r.start < ${day(plan.agents.weeks.end)}${team}
      group by r.team_id, r.agent_id, r.measure, r.bucket`);
  }
  const ranges = [
    ...plan.slices.flatMap((slice, index) => slice.facts.map((range) => ({ part: 'weeks', index, range }))),
    ...(agentsInSlices(plan) ? [] : plan.agents.facts.map((range) => ({ part: 'agents', index: null, range }))),
  ];
  const rangeValues = (rows: Array<{ part: string; index: number | null; range: Period & { sign?: number } }>) =>
    valuesOf(
      rows.map(({ part, index, range }) => [
        sql`${part}`,
        sql`${index}::int`,
        at(range.start),
        at(range.end),
        sql`${range.sign ?? 1}::int`,
      ]),
    );
  // Summed per group and pair of time buckets first, then one row per measure: fewer rows to make
  // than one per fact and measure (a third of the time).
  const factsOf = (measures: Array<[Measure, SQL]>, ranges: SQL, where: SQL) => sql`
      select a.part, a.slice, a.team_id, a.agent_id, x.measure, x.bucket, x.n
      from (
        select g.part, g.slice, f.team_id, f.first_reply_by as agent_id,
               stats_bucket(f.working_seconds_to_acknowledge) as acknowledge_bucket,
               stats_bucket(f.working_seconds_to_first_reply) as first_reply_bucket,
               ${sql.join(
                 measures.map(
                   ([, counted], index) => sql`sum(g.sign) filter (where ${counted}) as ${sql.raw(`n${index}`)}`,
                 ),
                 sql`, `,
               )}
        from (values ${ranges}) g(part, slice, from_at, to_at, sign)
        -- Range by range along an index (joined, an agent's facts of all time were read, then matched).
        cross join lateral (select * from message_facts f
                            where f.received_at >= g.from_at and f.received_at < g.to_at and ${where}
                              and ${scopeFilters(scope)} offset 0) f
        join teams t on t.id = f.team_id
        where g.part = 'weeks' or f.first_reply_by is not null
        group by g.part, g.slice, f.team_id, f.first_reply_by, acknowledge_bucket, first_reply_bucket) a
      cross join lateral (values ${sql.join(
        measures.map(([measure], index) => {
          const bucket =
            measure === 'acknowledge' || measure === 'first_reply' ? sql.raw(`a.${measure}_bucket`) : sql`0::smallint`;
          return sql`(${measure}, ${bucket}, ${sql.raw(`a.n${index}`)})`;
        }),
        sql`, `,
      )}) x(measure, bucket, n)
      where x.n <> 0`;
  if (ranges.length > 0) {
    sources.push(
      factsOf(
        [
          ['received', sql`true`],
          ['answered', sql`f.first_reply_at is not null`],
          ['acknowledge_breached', breached('acknowledge')],
          ['first_reply_breached', breached('first_reply')],
          ['acknowledge', sql`f.working_seconds_to_acknowledge is not null`],
          ['first_reply', sql`f.working_seconds_to_first_reply is not null`],
        ],
        rangeValues(ranges),
        sql`true`,
      ),
    );
  }
  if (covered.length > 0) {
    sources.push(
      factsOf(
        [
          ['acknowledge_breached', sql`f.acknowledged_at is null and ${breached('acknowledge')}`],
          ['first_reply_breached', sql`f.first_reply_at is null and ${breached('first_reply')}`],
        ],
        rangeValues(covered.map(({ part, index, period }) => ({ part, index, range: period }))),
        sql`(f.acknowledged_at is null or f.first_reply_at is null)`,
      ),
    );
  }
  return sql.join(sources, sql` union all `);
}

/** The percentiles shown, nearest rank (shared/src/stats.ts's percentiles). */
const PERCENTILES = [
  ['median', 0.5],
  ['p90', 0.9],
] as const;

/**
 * Counts and times of the period's messages (spam left out): in all, per team, per first replier and
 * per week. Counts are sums; a median or p90 is the exact time at its rank, found in the histograms'
 * bucket that holds the rank and read from message_facts' bucket indexes (none for a bucket of 0 s).
 * The rollup serves the dashboard of all teams or one; an agent's or a tag's is read from the facts.
 */
async function factsGroups(
  tx: Db,
  scope: StatsScope,
): Promise<Pick<StatsSnapshot, 'all' | 'teams' | 'agents' | 'weeks'>> {
  const rollup = !scope.agentId && !scope.tag;
  const [horizon] = rollup
    ? (await tx.execute<{ sealed: string }>(sql`select sealed_before::text as sealed from stats_rollup_horizon`)).rows
    : [];
  const sealedBefore = horizon && horizon.sealed !== '-infinity' ? new Date(horizon.sealed) : null;
  const plan = planPeriod(scope, scope.timeZone, sealedBefore);

  const all = newTally();
  const teams = new Map<string, Tally>();
  const agents = new Map<string, Tally>();
  const weeks = plan.slices.map(newTally);
  const tallyOf = (groups: Map<string, Tally>, key: string) => {
    const tally = groups.get(key) ?? newTally();
    groups.set(key, tally);
    return tally;
  };
  const { rows } = await tx.execute<{
    part: 'weeks' | 'agents';
    slice: number | null;
    team_id: string;
    agent_id: string | null;
    measure: Measure;
    bucket: number;
    n: string | number;
  }>(aggregateRows(scope, plan));
  const slicesCountAgents = agentsInSlices(plan);
  for (const row of rows) {
    const n = Number(row.n);
    if (row.part === 'agents') add(tallyOf(agents, row.agent_id!), row.measure, row.bucket, n);
    else {
      for (const tally of [all, tallyOf(teams, row.team_id), weeks[row.slice!]!])
        add(tally, row.measure, row.bucket, n);
      if (slicesCountAgents && row.agent_id) add(tallyOf(agents, row.agent_id), row.measure, row.bucket, n);
    }
  }

  // Each group's median and p90 of both times: the bucket and the place in it, then one lookup each.
  type Group = { tally: Tally; period: Period; teamId?: string; agentId?: string };
  const groups: Group[] = [
    { tally: all, period: scope },
    ...[...teams].map(([teamId, tally]) => ({ tally, period: scope, teamId })),
    ...[...agents].map(([agentId, tally]) => ({ tally, period: scope, agentId })),
    ...weeks.map((tally, index) => ({ tally, period: plan.slices[index]! })),
  ].filter((group) => group.tally.counts.received > 0);
  const times = new Map<string, number>();
  const lookups: Array<{ key: string; measure: TimeMeasure; group: Group; bucket: number; offset: number }> = [];
  groups.forEach((group, index) => {
    for (const measure of ['acknowledge', 'first_reply'] as const) {
      for (const [name, fraction] of PERCENTILES) {
        const ranked = rankedBucket(group.tally.histograms[measure], fraction);
        const key = `${index}:${measure}:${name}`;
        if (ranked?.bucket === ZERO_BUCKET) times.set(key, 0);
        else if (ranked) lookups.push({ key, measure, group, ...ranked });
      }
    }
  });
  for (const row of await timesAtRanks(tx, scope, lookups)) times.set(row.key, Number(row.value));

  const groupRow = (group: Group, index: number): FactsGroupRow => ({
    received: group.tally.counts.received,
    answered: group.tally.counts.answered,
    acknowledgeMedian: times.get(`${index}:acknowledge:median`) ?? null,
    acknowledgeP90: times.get(`${index}:acknowledge:p90`) ?? null,
    firstReplyMedian: times.get(`${index}:first_reply:median`) ?? null,
    firstReplyP90: times.get(`${index}:first_reply:p90`) ?? null,
    acknowledgeBreached: group.tally.counts.acknowledge_breached,
    firstReplyBreached: group.tally.counts.first_reply_breached,
  });
  const result: Pick<StatsSnapshot, 'all' | 'teams' | 'agents' | 'weeks'> = {
    all: groupRow({ tally: all, period: scope }, -1),
    teams: [],
    agents: [],
    weeks: [],
  };
  groups.forEach((group, index) => {
    const row = groupRow(group, index);
    if (group.tally === all) result.all = row;
    else if (group.teamId) result.teams.push({ ...row, teamId: group.teamId });
    else if (group.agentId) result.agents.push({ ...row, agentId: group.agentId });
    else result.weeks.push({ ...row, weekStart: plan.slices[weeks.indexOf(group.tally)]!.weekStart });
  });
  return result;
}

/**
 * The time at each place asked for: the `offset`-th (from 0) of the group's times in the bucket,
 * in order. A replier's along message_facts_replier_bucket_idx, the others' along
 * message_facts_reply_bucket_idx (first replies; acknowledgements take 0 s, always in ZERO_BUCKET).
 */
async function timesAtRanks(
  tx: Db,
  scope: StatsScope,
  lookups: Array<{
    key: string;
    measure: TimeMeasure;
    group: { period: Period; teamId?: string; agentId?: string };
    bucket: number;
    offset: number;
  }>,
): Promise<Array<{ key: string; value: number }>> {
  // A first reply within an agent's dashboard is the agent's own (handledBy): along their index too.
  const replierOf = (lookup: (typeof lookups)[number]) =>
    lookup.group.agentId ?? (lookup.measure === 'first_reply' ? scope.agentId : undefined);
  const statements: SQL[] = [];
  for (const measure of ['acknowledge', 'first_reply'] as const) {
    for (const byReplier of [false, true]) {
      const chosen = lookups.filter((lookup) => lookup.measure === measure && Boolean(replierOf(lookup)) === byReplier);
      if (chosen.length === 0) continue;
      const column = TIME_COLUMN[measure];
      const values = valuesOf(
        chosen.map((lookup) => [
          sql`${lookup.key}`,
          sql`${lookup.bucket}::smallint`,
          sql`${lookup.offset}::int`,
          at(lookup.group.period.start),
          at(lookup.group.period.end),
          sql`${lookup.group.teamId ?? null}::uuid`,
          sql`${replierOf(lookup) ?? null}::uuid`,
        ]),
      );
      statements.push(sql`
        select l.key, v.value from (values ${values}) l(key, bucket, skip, from_at, to_at, team_id, agent_id)
        cross join lateral (
          select ${column} as value from message_facts f
          where ${column} is not null and stats_bucket(${column}) = l.bucket
            and f.received_at >= l.from_at and f.received_at < l.to_at
            and (l.team_id is null or f.team_id = l.team_id)
            ${byReplier ? sql`and f.first_reply_by = l.agent_id` : sql``}
            and ${scopeFilters(scope)}
          order by 1 offset l.skip limit 1) v`);
    }
  }
  if (statements.length === 0) return [];
  return (await tx.execute<{ key: string; value: number }>(sql.join(statements, sql` union all `))).rows;
}

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
      const snapshot = await factsGroups(tx, scope);

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

      const due = dueWeek(now);
      // Only the commitments some part counts: made in the period, or still open (the only status that
      // stands open or overdue now); the others, most of them, need no outcome. Each carries its
      // message's team (migrations/0027), so no message is looked up; none is on spam (a message
      // with commitments was answered, and an answered message never goes to spam).
      const commitmentScope = sql.join(
        [
          sql`((c.created_at >= ${scope.start.toISOString()}::timestamptz
                and c.created_at < ${scope.end.toISOString()}::timestamptz) or c.status = 'open')`,
          ...(scope.teamId ? [sql`c.team_id = ${scope.teamId}`] : []),
          ...(scope.agentId ? [sql`c.owner_id = ${scope.agentId}`] : []),
          ...(scope.tag ? [tagged(sql`c.message_id`, scope.tag)] : []),
        ],
        sql` and `,
      );
      const commitments = await tx.execute<Record<string, unknown>>(sql`
        with scoped as (
          select c.message_id, c.created_at, c.due_on, ${COMMITMENT_OUTCOME} as outcome
          from commitments c join teams t on t.id = c.team_id
          where ${commitmentScope}
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

/** Seals the rollup's next week of facts (migrations/0025); false once it is sealed up to the last UTC midnight. */
export async function sealStatsRollupStep(db: Db): Promise<boolean> {
  const { rows } = await db.execute<{ more: boolean }>(sql`select seal_stats_rollup_step() as more`);
  return rows[0]!.more;
}
