// The customers' own words (schema/words.ts): folding the backlog into word_counts after commits,
// reading a period's top and rising terms (the counts plus what is not folded yet, so always exact),
// the same read from the messages themselves (what the counts must equal), and the inbox's filter on
// a term, which tests each message with the same function that counted it.
import { sql, type SQL } from 'drizzle-orm';
import { DAY_MS, dayNumber, dayOf } from '@ecoute/shared/calendar';
import type { Locale } from '@ecoute/shared/locale';
import { termWords, WORDS_LIMITS, type WordCount } from '@ecoute/shared/words';
import { WORD_SPANS, type WordSpan } from './schema/words.ts';
import type { Db } from './transaction.ts';

/** Held by the folder ("word" in ASCII): one fold at a time, in any process. */
const FOLDER_LOCK = 2003792484;

/** The message's day, as periods and the inbox's `from`/`to` count days: in UTC. */
const DAY = sql`(m.created_at at time zone 'UTC')::date`;

/**
 * What the queued messages (`queued`: message_id, and a deleted one's body and follow_ups) change in
 * word_counts: +1 for each term of what a message says now, if it counts (not spam), and −1 for each
 * term of what was folded (word_folds). A message folded as it is now is skipped. `where` filters the
 * contributions (c.day, c.team_id, c.locale).
 */
function queuedDelta(where: SQL = sql`true`): SQL {
  return sql`
    changed as (
      select q.* from queued q
      left join messages m on m.id = q.message_id left join word_folds f on f.message_id = q.message_id
      where not coalesce(m.status <> 'spam' and f.team_id = m.team_id and f.day = ${DAY}
                          and f.follow_ups_length = length(m.follow_ups), false)
    ),
    contributions as (
      select 1 as sign, ${DAY} as day, m.team_id, m.locale, m.body, m.follow_ups
      from changed q join messages m on m.id = q.message_id
      where m.status <> 'spam'
      union all
      select -1, f.day, f.team_id, f.locale, coalesce(m.body, q.body),
             left(coalesce(m.follow_ups, q.follow_ups), f.follow_ups_length)
      from changed q join word_folds f on f.message_id = q.message_id left join messages m on m.id = q.message_id
    ),
    delta as (
      select c.day, c.team_id, c.locale, w.term, w.surface, sum(c.sign)::int as messages
      from contributions c, message_words(c.locale, c.body, c.follow_ups) w
      where ${where}
      group by 1, 2, 3, 4, 5 having sum(c.sign) <> 0
    )`;
}

/**
 * Folds the oldest `limit` backlog rows into word_counts and word_surfaces (each delta into its day's,
 * week's and month's rows: word_spans, migrations/0021), in one statement: the rows it deletes, the
 * messages it reads and the counts it writes are one snapshot, so a change committed meanwhile keeps
 * its backlog row for the next fold. Does nothing when another fold holds the lock. How many rows it
 * folded.
 */
/** The most backlog rows one fold takes. */
export const FOLD_BATCH = 2_000;

export async function foldWords(db: Db, limit = FOLD_BATCH): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows: lock } = await tx.execute<{ held: boolean }>(
      sql`select pg_try_advisory_xact_lock(${FOLDER_LOCK}) as held`,
    );
    if (!lock[0]?.held) return 0;
    const { rows } = await tx.execute<{ folded: number }>(sql`
      with batch as (
        delete from word_backlog where id in (select id from word_backlog order by id limit ${limit})
        returning message_id, body, follow_ups
      ),
      queued as (
        select message_id, max(body) as body, max(follow_ups) as follow_ups from batch group by message_id
      ),
      ${queuedDelta()},
      spans as (
        select d.term, s.span, s.day, d.team_id, d.locale, d.surface, d.messages
        from delta d, word_spans(d.day) s
      ),
      surfaces_counted as (
        insert into word_surfaces (term, span, day, team_id, locale, surface, messages)
        select term, span, day, team_id, locale, surface, sum(messages)::int from spans
        group by 1, 2, 3, 4, 5, 6 having sum(messages) <> 0
        on conflict (term, span, day, team_id, locale, surface)
          do update set messages = word_surfaces.messages + excluded.messages
      ),
      counted as (
        insert into word_counts (span, day, team_id, locale, term, messages)
        select span, day, team_id, locale, term, sum(messages)::int from spans
        group by 1, 2, 3, 4, 5 having sum(messages) <> 0
        on conflict (span, day, team_id, locale, term) do update set messages = word_counts.messages + excluded.messages
      ),
      now_counted as (
        select m.id, ${DAY} as day, m.team_id, m.locale, length(m.follow_ups) as follow_ups_length
        from queued q join messages m on m.id = q.message_id where m.status <> 'spam'
      ),
      folded as (
        insert into word_folds (message_id, day, team_id, locale, follow_ups_length)
        select * from now_counted
        on conflict (message_id) do update
          set day = excluded.day, team_id = excluded.team_id, follow_ups_length = excluded.follow_ups_length
      ),
      unfolded as (
        delete from word_folds
        where message_id in (select message_id from queued) and message_id not in (select id from now_counted)
      )
      select count(*)::int as folded from batch`);
    await tx.execute(sql`delete from word_counts where messages = 0`);
    await tx.execute(sql`delete from word_surfaces where messages = 0`);
    return rows[0]?.folded ?? 0;
  });
}

/** Folds until the backlog is empty (or another fold is running). */
export async function foldAllWords(db: Db, batch?: number): Promise<void> {
  while ((await foldWords(db, batch)) > 0);
}

export interface WordsPeriod {
  /** Days (YYYY-MM-DD, UTC), both included. */
  from: string;
  to: string;
  /** The period before, of the same length. */
  previousFrom: string;
  previousTo: string;
  teamId?: string | undefined;
  locale?: Locale | undefined;
}

export interface WordsOfPeriod {
  terms: WordCount[];
  phrases: WordCount[];
  rising: WordCount[];
}

function periodFilter(period: WordsPeriod, day: SQL, team: SQL, locale: SQL): SQL {
  return sql.join(
    [sql`${day} between ${period.previousFrom}::date and ${period.to}::date`, ...teamAndLocale(period, team, locale)],
    sql` and `,
  );
}

function teamAndLocale(period: WordsPeriod, team: SQL, locale: SQL): SQL[] {
  return [
    ...(period.teamId ? [sql`${team} = ${period.teamId}`] : []),
    ...(period.locale ? [sql`${locale} = ${period.locale}`] : []),
  ];
}

export interface SignedSpan {
  span: WordSpan;
  /** Its first day (YYYY-MM-DD, UTC). */
  day: string;
  /** +1: its messages count; −1: they are taken back (a month but its first days). */
  sign: number;
}

/**
 * What reading a span costs, in days' rows: customers' vocabulary saturates, so that a week holds
 * about twice a day's rows and a month not much more than a week (bench/RESULTS.md, "own words").
 */
const SPAN_COST: Record<WordSpan, number> = { day: 1, week: 2, month: 2.5 };
const FINER: Record<WordSpan, WordSpan> = { month: 'week', week: 'day', day: 'day' };

/** The first day of the span `n` (a day number) falls in, and of the one after. */
function spanBounds(span: WordSpan, n: number): [number, number] {
  if (span === 'day') return [n, n + 1];
  // 1970-01-01 was a Thursday: day n is a Monday when (n + 3) % 7 is 0.
  if (span === 'week') return [n - ((n + 3) % 7), n - ((n + 3) % 7) + 7];
  const date = new Date(n * DAY_MS);
  return [
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS,
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS,
  ];
}

interface Cover {
  cost: number;
  spans: Array<{ span: WordSpan; day: number; sign: number }>;
}

/**
 * The cheapest signed sum of spans no coarser than `span` whose days are exactly those from day `x`
 * (included) to `y` (excluded), taken with `sign`: the whole spans between two of their boundaries
 * near x and y, plus or minus the days (or weeks) from those boundaries to x and y, or finer spans
 * only.
 */
function cover(x: number, y: number, span: WordSpan, sign: number): Cover {
  if (x === y) return { cost: 0, spans: [] };
  if (x > y) return cover(y, x, span, -sign);
  if (span === 'day') {
    return { cost: y - x, spans: Array.from({ length: y - x }, (_, i) => ({ span, day: x + i, sign })) };
  }
  let best = cover(x, y, FINER[span], sign);
  const [xFloor, xCeil] = spanBounds(span, x);
  const [yFloor, yCeil] = spanBounds(span, y);
  for (const from of xFloor === x ? [x] : [xFloor, xCeil]) {
    for (const to of yFloor === y ? [y] : [yFloor, yCeil]) {
      if (to <= from) continue;
      const whole: Cover['spans'] = [];
      for (let start = from; start < to; start = spanBounds(span, start)[1]) whole.push({ span, day: start, sign });
      const before = cover(x, from, FINER[span], sign);
      const after = cover(to, y, FINER[span], sign);
      const cost = whole.length * SPAN_COST[span] + before.cost + after.cost;
      if (cost < best.cost) best = { cost, spans: [...before.spans, ...whole, ...after.spans] };
    }
  }
  return best;
}

/**
 * The spans of word_counts whose rows, added or taken back, count the days from `from` to `to` (both
 * included): whole months, weeks and days, the cheapest to read; none coarser than `coarsest`.
 */
export function spansOfDays(from: string, to: string, coarsest: WordSpan = 'month'): SignedSpan[] {
  return cover(dayNumber(from), dayNumber(to) + 1, coarsest, 1).spans.map((span) => ({
    ...span,
    day: dayOf(span.day),
  }));
}

interface PeriodSpan {
  span: WordSpan;
  day: string;
  /** How many times its rows count in the period, and in the one before. */
  current: number;
  previous: number;
}

/** The spans of the period and the one before, each once. */
function spansOfPeriod(period: WordsPeriod, coarsest: WordSpan): PeriodSpan[] {
  const signs = new Map<string, PeriodSpan>();
  for (const [part, from, to] of [
    ['current', period.from, period.to],
    ['previous', period.previousFrom, period.previousTo],
  ] as const) {
    for (const { span, day, sign } of spansOfDays(from, to, coarsest)) {
      const key = `${span} ${day}`;
      const signed = signs.get(key) ?? { span, day, current: 0, previous: 0 };
      signed[part] += sign;
      signs.set(key, signed);
    }
  }
  return [...signs.values()].filter((span) => span.current !== 0 || span.previous !== 0);
}

const arrayOf = (values: Array<string | number>) => `{${values.join(',')}}`;

/** The spans as a table (span, day, current, previous). */
function spansTable(spans: PeriodSpan[]): SQL {
  return sql`select * from unnest(${arrayOf(spans.map((s) => s.span))}::text[],
    ${arrayOf(spans.map((s) => s.day))}::date[], ${arrayOf(spans.map((s) => s.current))}::int[],
    ${arrayOf(spans.map((s) => s.previous))}::int[]) as spans(span, day, current, previous)`;
}

/**
 * word_counts' rows of the spans as (term, current, previous), `where` filtering them (c.): one branch
 * per kind of span, each with its days as a constant list, so that the planner sees how many rows come
 * (a join on a table of spans made it expect 30 times fewer, and sort them rather than hash them).
 */
function countsOfSpans(spans: PeriodSpan[], where: SQL): SQL {
  const branches = WORD_SPANS.flatMap((kind) => {
    const ofKind = spans.filter((s) => s.span === kind);
    if (ofKind.length === 0) return [];
    const days = arrayOf(ofKind.map((s) => s.day));
    const times = (part: 'current' | 'previous') =>
      sql`c.messages * (${arrayOf(ofKind.map((s) => s[part]))}::int[])[array_position(${days}::date[], c.day)]`;
    return [
      sql`select c.term, ${times('current')} as current, ${times('previous')} as previous
        from word_counts c where c.span = ${kind} and c.day = any(${days}::date[]) and ${where}`,
    ];
  });
  return branches.length ? sql.join(branches, sql` union all `) : sql`select null::text, 0, 0 where false`;
}

/**
 * Rows (term, current, previous): messages of the period and of the one before, and (term, surface,
 * current, previous) for the `terms` (a query) only.
 */
interface Counted {
  totals: SQL;
  surfaces: (terms: SQL) => SQL;
}

/**
 * The top terms, phrases and rising terms out of `counted` rows: ranked on the sums per term first, then the written forms read for the ~80 terms shown only. A term's count is the sum over its
 * surfaces, shown as the surface with the most messages in the period; ties go to the term (or
 * surface) first in alphabetical order, so the answer is always the same.
 */
async function rankWords(db: Db, counted: Counted): Promise<WordsOfPeriod> {
  const { rows } = await db.execute<{
    list: 'terms' | 'phrases' | 'rising';
    term: string;
    text: string;
    messages: number;
    previous: number;
  }>(sql`
    with terms as (
      select term, coalesce(sum(current), 0)::int as messages, coalesce(sum(previous), 0)::int as previous
      from (${counted.totals}) counted group by term
    ),
    chosen as (
      (select 'terms' as list, row_number() over (order by messages desc, term) as rank, * from terms
       where messages > 0 and position(' ' in term) = 0 order by messages desc, term limit ${WORDS_LIMITS.top})
      union all
      (select 'phrases', row_number() over (order by messages desc, term), * from terms
       where messages > 0 and position(' ' in term) > 0 order by messages desc, term limit ${WORDS_LIMITS.top})
      union all
      (select 'rising', row_number() over (order by messages - previous desc, messages desc, term), * from terms
       where messages > previous order by messages - previous desc, messages desc, term limit ${WORDS_LIMITS.rising})
    ),
    -- Each term once: one in the terms and the rising lists would count its folded forms twice (and the
    -- backlog's once), so a form folded already won over one still in the backlog.
    shown as (
      select distinct on (term) term, surface
      from (${counted.surfaces(sql`select distinct term from chosen`)}) counted
      group by term, surface
      -- The period's forms only decide (README: ties to the first alphabetically, not to the period before).
      order by term, sum(current) desc, surface
    )
    select c.list, c.term, s.surface as text, c.messages, c.previous
    from chosen c join shown s on s.term = c.term
    order by c.list, c.rank`);
  const words: WordsOfPeriod = { terms: [], phrases: [], rising: [] };
  for (const row of rows) {
    words[row.list].push({
      term: row.term,
      text: row.text,
      words: termWords(row.term),
      messages: Number(row.messages),
      previousMessages: Number(row.previous),
    });
  }
  return words;
}

/**
 * The period's words from word_counts, word_surfaces and the backlog not folded yet: exact at any time.
 * The counts are read in months, weeks and days (`coarsest`: no coarser than that; the same answer).
 */
export async function findWordsOfPeriod(
  db: Db,
  period: WordsPeriod,
  coarsest: WordSpan = 'month',
): Promise<WordsOfPeriod> {
  const spans = spansOfPeriod(period, coarsest);
  const filter = sql.join([sql`true`, ...teamAndLocale(period, sql`c.team_id`, sql`c.locale`)], sql` and `);
  const pending = sql`
    with queued as (
      select message_id, max(body) as body, max(follow_ups) as follow_ups from word_backlog group by message_id
    ),
    ${queuedDelta(periodFilter(period, sql`c.day`, sql`c.team_id`, sql`c.locale`))}
    select term, surface, ${inPeriod(period, sql`day`)}
    from delta`;
  return rankWords(db, {
    totals: sql`
      ${countsOfSpans(spans, filter)}
      union all
      select term, current, previous from (${pending}) pending`,
    surfaces: (terms) => sql`
      select c.term, c.surface, c.messages * s.current as current, c.messages * s.previous as previous
      from (${terms}) t, (${spansTable(spans)}) s,
           lateral (select * from word_surfaces c
                    where c.term = t.term and c.span = s.span and c.day = s.day and ${filter}) c
      union all
      select term, surface, current, previous from (${pending}) pending where term in (${terms})`,
  });
}

/** A row's messages (`messages`) as (current, previous): in the period, or in the one before. */
function inPeriod(period: WordsPeriod, day: SQL, messages: SQL = sql`messages`): SQL {
  return sql`case when ${day} >= ${period.from}::date then ${messages} else 0 end as current,
    case when ${day} < ${period.from}::date then ${messages} else 0 end as previous`;
}

/** The same as findWordsOfPeriod, counted from the messages themselves: what the counts must equal. */
export async function countWordsOfPeriod(db: Db, period: WordsPeriod): Promise<WordsOfPeriod> {
  const scratch = (only: SQL) => sql`
    select term, surface, ${inPeriod(period, sql`day`, sql`1`)} from (
      select ${DAY} as day, w.term, w.surface
      from messages m, message_words(m.locale, m.body, m.follow_ups) w
      where m.status <> 'spam' and ${periodFilter(period, DAY, sql`m.team_id`, sql`m.locale`)}
    ) scratch where ${only}`;
  return rankWords(db, {
    totals: scratch(sql`true`),
    surfaces: (terms) => scratch(sql`term in (${terms})`),
  });
}

/**
 * The inbox's condition "the customer's words use `term`": the full-text index finds the messages
 * with all its stems, and each is tested with the function that counted it.
 */
export function usesWord(term: string): SQL {
  const query = term
    .split(' ')
    .map((stem) => `'${stem.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`)
    .join(' & ');
  return sql`(m.search @@ ${query}::tsquery
    and exists (select 1 from message_words(m.locale, m.body, m.follow_ups) w where w.term = ${term}))`;
}

/**
 * Counts the messages received in [from, to) (UTC days) from scratch, day by day, for counts that hold
 * none of them (a bulk load): the seeder runs it on disjoint ranges side by side, then
 * countWordWeeksAndMonths once, then empties the backlog.
 */
export async function countWordsFromScratch(db: Db, from: string, to: string): Promise<void> {
  const range = sql`m.status <> 'spam' and m.created_at >= ${from}::date::timestamp at time zone 'UTC'
    and m.created_at < ${to}::date::timestamp at time zone 'UTC'`;
  await db.execute(sql`
    insert into word_surfaces (term, span, day, team_id, locale, surface, messages)
    select w.term, 'day', ${DAY}, m.team_id, m.locale, w.surface, count(*)
    from messages m, message_words(m.locale, m.body, m.follow_ups) w
    where ${range}
    group by 1, 2, 3, 4, 5, 6`);
  await db.execute(sql`
    insert into word_counts (span, day, team_id, locale, term, messages)
    select 'day', ${DAY}, m.team_id, m.locale, w.term, count(*)
    from messages m, message_words(m.locale, m.body, m.follow_ups) w
    where ${range}
    group by 1, 2, 3, 4, 5`);
  await db.execute(sql`
    insert into word_folds (message_id, day, team_id, locale, follow_ups_length)
    select m.id, ${DAY}, m.team_id, m.locale, length(m.follow_ups) from messages m where ${range}`);
}

/** The weeks' and months' rows of counts that hold only days (after countWordsFromScratch): their sums. */
export async function countWordWeeksAndMonths(db: Db): Promise<void> {
  await db.execute(sql`
    insert into word_surfaces (term, span, day, team_id, locale, surface, messages)
    select c.term, s.span, s.day, c.team_id, c.locale, c.surface, sum(c.messages)::int
    from word_surfaces c, word_spans(c.day) s
    where c.span = 'day' and s.span <> 'day'
    group by 1, 2, 3, 4, 5, 6`);
  await db.execute(sql`
    insert into word_counts (span, day, team_id, locale, term, messages)
    select s.span, s.day, c.team_id, c.locale, c.term, sum(c.messages)::int
    from word_counts c, word_spans(c.day) s
    where c.span = 'day' and s.span <> 'day'
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5`);
}

/** Empties the backlog of a bulk load that countWordsFromScratch counted. */
export async function forgetWordBacklog(db: Db): Promise<void> {
  await db.execute(sql`truncate word_backlog`);
}
