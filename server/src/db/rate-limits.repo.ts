// Rate-limit counters: one statement counts a request against all of a route's budgets, one reads
// them, one sweeps. A counter is named by its budget and its key (an address, an account, a tracking
// token…). The table is unlogged: counting writes no WAL and waits for no disk (migration 0003).
import { createHash } from 'node:crypto';
import { lte, sql, type SQL } from 'drizzle-orm';
import { executePrepared, type Db } from './transaction.ts';
import { rateLimits } from './schema/index.ts';

export interface Window {
  hits: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

/** A budget's counter for one key: `windowMs` opens a new window when none is running. */
export interface Counter {
  budget: string;
  key: string;
  windowMs: number;
}

/** Stored hashed: keys may be secrets (tracking tokens) or emails, and are never read back. */
function counterKey({ budget, key }: Pick<Counter, 'budget' | 'key'>): string {
  return createHash('sha256').update(`${budget}\u0000${key}`).digest('base64url');
}

const TTL_MS = sql`greatest(0, ceil(extract(epoch from resets_at - now()) * 1000))::integer`;

/**
 * The statement that counts one hit on `counter` (opening a new window if the last one ended),
 * returning `hits` and `resets_at`; only `when` it holds, if given. Emails' hourly budgets count with
 * it too (emails.repo.ts), inside the statement that stores the email.
 */
export function countHitStatement(counter: Counter, when?: SQL): SQL {
  return sql`insert into rate_limits (key, hits, resets_at)
    select ${counterKey(counter)}, 1, now() + ${counter.windowMs} * interval '1 millisecond'
    ${when ? sql`where ${when}` : sql``}
    on conflict (key) do update set
      hits = case when rate_limits.resets_at <= now() then 1 else rate_limits.hits + 1 end,
      resets_at = case when rate_limits.resets_at <= now() then excluded.resets_at else rate_limits.resets_at end
    returning hits, resets_at`;
}

/**
 * Counts one request on each budget in order, in one statement, and stops counting after the first
 * that is spent (more than its `max` hits): a client over one budget spends no other (one address
 * flooding a form does not spend the form's budget for everyone else). The windows of the budgets
 * counted, in order; `undefined` for those left uncounted.
 */
export async function countHits(
  db: Db,
  counters: ReadonlyArray<Counter & { max: number }>,
): Promise<Array<Window | undefined>> {
  const steps = counters.map(
    (counter, index) =>
      sql`${sql.raw(`c${index}`)} as (${countHitStatement(
        counter,
        index === 0 ? undefined : sql`(select hits from ${sql.raw(`c${index - 1}`)}) <= ${counters[index - 1]!.max}`,
      )})`,
  );
  const windows = counters.map(
    (_, index) => sql`select ${index}::integer as step, hits, ${TTL_MS} as "ttlMs" from ${sql.raw(`c${index}`)}`,
  );
  const { rows } = await executePrepared<{ step: number; hits: number; ttlMs: number }>(
    db,
    sql`with ${sql.join(steps, sql`, `)} ${sql.join(windows, sql` union all `)}`,
  );
  return counters.map((_, index) => {
    const row = rows.find((found) => found.step === index);
    return row && { hits: row.hits, ttlMs: row.ttlMs };
  });
}

/** Counts one request on one budget. */
export async function countHit(db: Db, budget: string, key: string, windowMs: number): Promise<Window> {
  const [window] = await countHits(db, [{ budget, key, windowMs, max: Infinity }]);
  return window!;
}

/** The running windows of these counters, without counting, in order: none when one ended or never began. */
export async function readWindows(
  db: Db,
  counters: ReadonlyArray<Pick<Counter, 'budget' | 'key'>>,
): Promise<Array<Window | undefined>> {
  const keys = counters.map(counterKey);
  const { rows } = await db.execute<{ key: string; hits: number; ttlMs: number }>(
    sql`select key, hits, ${TTL_MS} as "ttlMs" from rate_limits
        where key in (${sql.join(
          keys.map((key) => sql`${key}`),
          sql`, `,
        )}) and resets_at > now()`,
  );
  return keys.map((key) => {
    const row = rows.find((found) => found.key === key);
    return row && { hits: row.hits, ttlMs: row.ttlMs };
  });
}

export async function readWindow(db: Db, budget: string, key: string): Promise<Window | undefined> {
  const [window] = await readWindows(db, [{ budget, key }]);
  return window;
}

/** Deletes the windows that ended; returns how many. */
export async function deleteEndedWindows(db: Db): Promise<number> {
  const deleted = await db
    .delete(rateLimits)
    .where(lte(rateLimits.resetsAt, sql`now()`))
    .returning({ key: rateLimits.key });
  return deleted.length;
}
