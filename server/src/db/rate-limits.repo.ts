// Rate-limit counters: one statement to count a request, one to read a budget, one to sweep. A
// counter is named by its budget and its key (an address, an account, a tracking token…).
import { createHash } from 'node:crypto';
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { rateLimits } from './schema/index.ts';

export interface Window {
  hits: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

/** Stored hashed: keys may be secrets (tracking tokens) or emails, and are never read back. */
function counterKey(budget: string, key: string): string {
  return createHash('sha256').update(`${budget}\u0000${key}`).digest('base64url');
}

const ttlMs = sql<number>`greatest(0, ceil(extract(epoch from ${rateLimits.resetsAt} - now()) * 1000))::integer`;

/** Counts one request against `key`, opening a new window of `windowMs` if none is running. */
export async function countHit(db: Database, budget: string, key: string, windowMs: number): Promise<Window> {
  const expired = sql`${rateLimits.resetsAt} <= now()`;
  const [window] = await db
    .insert(rateLimits)
    .values({ key: counterKey(budget, key), hits: 1, resetsAt: sql`now() + ${windowMs} * interval '1 millisecond'` })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${rateLimits.hits} + 1 end`,
        resetsAt: sql`case when ${expired} then excluded.resets_at else ${rateLimits.resetsAt} end`,
      },
    })
    .returning({ hits: rateLimits.hits, ttlMs });
  return window!;
}

/** The running window of `key`, without counting; none when it ended or never began. */
export async function readWindow(db: Database, budget: string, key: string): Promise<Window | undefined> {
  const [window] = await db
    .select({ hits: rateLimits.hits, ttlMs })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, counterKey(budget, key)), gt(rateLimits.resetsAt, sql`now()`)));
  return window;
}

/** Deletes the windows that ended; returns how many. */
export async function deleteEndedWindows(db: Database): Promise<number> {
  const deleted = await db
    .delete(rateLimits)
    .where(lte(rateLimits.resetsAt, sql`now()`))
    .returning({ key: rateLimits.key });
  return deleted.length;
}
