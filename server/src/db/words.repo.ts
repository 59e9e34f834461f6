// The customers' own words (schema/words.ts): folding the backlog into word_counts after commits,
// reading a period's top and rising terms (the counts plus what is not folded yet, so always exact),
// the same read from the messages themselves (what the counts must equal), and the inbox's filter on
// a term, which tests each message with the same function that counted it.
import { sql, type SQL } from 'drizzle-orm';
import type { Locale } from '@ecoute/shared/locale';
import { termWords, WORDS_LIMITS, type WordCount } from '@ecoute/shared/words';
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
 * Folds the oldest `limit` backlog rows into word_counts, in one statement: the rows it deletes, the
 * messages it reads and the counts it writes are one snapshot, so a change committed meanwhile keeps
 * its backlog row for the next fold. Does nothing when another fold holds the lock. How many rows it
 * folded.
 */
export async function foldWords(db: Db, limit = 2_000): Promise<number> {
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
      counted as (
        insert into word_counts (day, team_id, locale, term, surface, messages)
        select day, team_id, locale, term, surface, messages from delta
        on conflict (day, team_id, locale, term, surface) do update set messages = word_counts.messages + excluded.messages
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
    [
      sql`${day} between ${period.previousFrom}::date and ${period.to}::date`,
      ...(period.teamId ? [sql`${team} = ${period.teamId}`] : []),
      ...(period.locale ? [sql`${locale} = ${period.locale}`] : []),
    ],
    sql` and `,
  );
}

/**
 * The top terms, phrases and rising terms out of `counted` (day, term, surface, messages rows over the
 * period and the one before): a term's count is the sum over its surfaces, shown as the surface with
 * the most messages in the period. Ties are broken by the term, so the answer is always the same.
 */
async function rankWords(db: Db, period: WordsPeriod, counted: SQL): Promise<WordsOfPeriod> {
  const { rows } = await db.execute<{
    list: 'terms' | 'phrases' | 'rising';
    term: string;
    text: string;
    messages: number;
    previous: number;
  }>(sql`
    with counted as (${counted}),
    surfaces as (
      select term, surface,
             coalesce(sum(messages) filter (where day >= ${period.from}::date), 0) as current,
             coalesce(sum(messages) filter (where day < ${period.from}::date), 0) as previous
      from counted group by term, surface
    ),
    terms as (
      select term, sum(current)::int as messages, sum(previous)::int as previous,
             (array_agg(surface order by current desc, previous desc, surface))[1] as text,
             position(' ' in term) > 0 as phrase
      from surfaces group by term
    )
    (select 'terms' as list, term, text, messages, previous from terms where messages > 0 and not phrase
     order by messages desc, term limit ${WORDS_LIMITS.top})
    union all
    (select 'phrases', term, text, messages, previous from terms where messages > 0 and phrase
     order by messages desc, term limit ${WORDS_LIMITS.top})
    union all
    (select 'rising', term, text, messages, previous from terms where messages > previous
     order by messages - previous desc, messages desc, term limit ${WORDS_LIMITS.rising})`);
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

/** The period's words from word_counts and the backlog not folded yet: exact at any time. */
export async function findWordsOfPeriod(db: Db, period: WordsPeriod): Promise<WordsOfPeriod> {
  return rankWords(
    db,
    period,
    sql`
      select day, term, surface, messages from word_counts c
      where ${periodFilter(period, sql`c.day`, sql`c.team_id`, sql`c.locale`)}
      union all
      select day, term, surface, messages from (
        with queued as (
          select message_id, max(body) as body, max(follow_ups) as follow_ups from word_backlog group by message_id
        ),
        ${queuedDelta(periodFilter(period, sql`c.day`, sql`c.team_id`, sql`c.locale`))}
        select * from delta
      ) pending`,
  );
}

/** The same as findWordsOfPeriod, counted from the messages themselves: what the counts must equal. */
export async function countWordsOfPeriod(db: Db, period: WordsPeriod): Promise<WordsOfPeriod> {
  return rankWords(
    db,
    period,
    sql`
      select ${DAY} as day, w.term, w.surface, 1 as messages
      from messages m, message_words(m.locale, m.body, m.follow_ups) w
      where m.status <> 'spam' and ${periodFilter(period, DAY, sql`m.team_id`, sql`m.locale`)}`,
  );
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
