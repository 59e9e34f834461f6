// The live inbox's feed (schema/live-events.ts): read by number for streams and reconnections,
// pruned by age; and the transient notifications (presence) that are never stored.
import { asc, gt, lt, max, min, sql } from 'drizzle-orm';
import type { Db } from './transaction.ts';
import { liveEvents, type LiveEventRow } from './schema/index.ts';

/** The channel the trigger on timeline_events notifies, with the new row's id as the payload. */
export const LIVE_CHANNEL = 'ecoute_live';
/** The channel of events that are not stored: the payload is the event itself. */
export const TRANSIENT_CHANNEL = 'ecoute_live_transient';

/** The events numbered after `afterId`, oldest first, at most `limit`. */
export async function findLiveEventsAfter(db: Db, afterId: number, limit: number): Promise<LiveEventRow[]> {
  return db.select().from(liveEvents).where(gt(liveEvents.id, afterId)).orderBy(asc(liveEvents.id)).limit(limit);
}

/** The first and last numbers still kept (both 0 when there are none). */
export async function liveEventBounds(db: Db): Promise<{ oldest: number; newest: number }> {
  const [row] = await db.select({ oldest: min(liveEvents.id), newest: max(liveEvents.id) }).from(liveEvents);
  return { oldest: Number(row?.oldest ?? 0), newest: Number(row?.newest ?? 0) };
}

/**
 * Deletes the events older than `before`, as a prefix of the numbers (the oldest first), so that
 * every number after the oldest kept one is still there.
 */
export async function pruneLiveEvents(db: Db, before: Date): Promise<void> {
  await db
    .delete(liveEvents)
    .where(
      sql`${liveEvents.id} <= (select max(${liveEvents.id}) from ${liveEvents} where ${lt(liveEvents.createdAt, before)})`,
    );
}

/** Sends a transient event to every process's listener (at the commit, when `db` is a transaction). */
export async function notifyTransient(db: Db, payload: string): Promise<void> {
  await db.execute(sql`select pg_notify(${TRANSIENT_CHANNEL}, ${payload})`);
}
