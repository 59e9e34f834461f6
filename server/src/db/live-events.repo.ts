// The live inbox's feed (schema/live-events.ts): numbered by the sequencer, read by number for
// streams and reconnections, pruned by age; and the transient notifications (presence) that are
// never stored.
import { asc, gt, lt, max, min, sql } from 'drizzle-orm';
import type { Db } from './transaction.ts';
import { liveEvents, type LiveEventRow } from './schema/index.ts';

/** The channel the sequencer notifies, with the newest number as the payload. */
export const LIVE_CHANNEL = 'ecoute_live';

/** Held by the sequencer while it numbers ("live" in ASCII): one sequencer at a time, in any process. */
const SEQUENCER_LOCK = 1818850917;

/**
 * Numbers the committed rows not numbered yet, in the order they were written, and notifies
 * LIVE_CHANNEL once: one statement, under a lock that makes sequencers of several processes take turns
 * (one that finds it taken does nothing: the holder numbers the rows). Each batch's numbers are greater
 * than the batch before's, and a row committed after this statement began is in the next batch: a
 * reader that has seen N never later finds a smaller number, and no transaction (of this database or
 * another on the server) holds the numbering back. The newest number given, if any.
 */
export async function numberLiveEvents(db: Db): Promise<number | undefined> {
  const { rows } = await db.execute<{ newest: string | null }>(sql`
    with sequencer as (select pg_try_advisory_xact_lock(${SEQUENCER_LOCK}) as held),
    ready as (
      select row_id, nextval('live_events_number') as number
      from (select row_id from live_events, sequencer
            where sequencer.held and id is null
            order by row_id limit 10000) waiting
    ),
    numbered as (
      -- A row another sequencer numbered since this statement's snapshot is left as it is.
      update live_events set id = ready.number from ready
      where live_events.row_id = ready.row_id and live_events.id is null
      returning live_events.id
    )
    select newest::text, pg_notify(${LIVE_CHANNEL}, newest::text)
    from (select max(id) as newest from numbered) batch where newest is not null`);
  return rows[0]?.newest ? Number(rows[0].newest) : undefined;
}
/** The channel of events that are not stored: the payload is the event itself. */
export const TRANSIENT_CHANNEL = 'ecoute_live_transient';

/** An event as streams receive it: numbered. */
export type LiveEvent = Pick<LiveEventRow, 'messageId' | 'kind' | 'payload' | 'createdAt'> & { id: number };

/** The events numbered after `afterId`, oldest first, at most `limit`. */
export async function findLiveEventsAfter(db: Db, afterId: number, limit: number): Promise<LiveEvent[]> {
  const rows = await db
    .select({
      id: liveEvents.id,
      messageId: liveEvents.messageId,
      kind: liveEvents.kind,
      payload: liveEvents.payload,
      createdAt: liveEvents.createdAt,
    })
    .from(liveEvents)
    .where(gt(liveEvents.id, afterId))
    .orderBy(asc(liveEvents.id))
    .limit(limit);
  return rows as LiveEvent[];
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
