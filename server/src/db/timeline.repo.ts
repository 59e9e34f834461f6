// Timeline events: recorded by the domain's actions, read by the agent timeline and the tracking page.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { TIMELINE_EVENTS, type TimelineEventData, type TimelineType } from '@ecoute/shared/timeline-events';
import type { Db } from './transaction.ts';
import { timelineEvents, users } from './schema/index.ts';

type WithoutVisibility<E> = E extends TimelineEventData ? Omit<E, 'visibility'> : never;

/** An event to record: its visibility follows from its type (TIMELINE_EVENTS), never from the caller. */
export type NewTimelineEvent = WithoutVisibility<TimelineEventData> & {
  messageId: string;
  /** The agent who acted; none for the customer and the system. */
  actorId?: string | null;
  idempotencyKeyHash?: string | null;
  requestFingerprint?: string | null;
};

/** A stored event, as the domain reads it. */
export type TimelineEventRecord = TimelineEventData & {
  id: string;
  messageId: string;
  actorId: string | null;
  createdAt: Date;
};

/** An event with the name of the agent who acted. */
export type TimelineEntryRow = TimelineEventRecord & { actorName: string | null };

const EVENT_COLUMNS = {
  id: timelineEvents.id,
  messageId: timelineEvents.messageId,
  type: timelineEvents.type,
  visibility: timelineEvents.visibility,
  actorId: timelineEvents.actorId,
  body: timelineEvents.body,
  data: timelineEvents.data,
  createdAt: timelineEvents.createdAt,
};

export async function recordEvent(db: Db, event: NewTimelineEvent): Promise<TimelineEventRecord> {
  const [row] = await db
    .insert(timelineEvents)
    .values({
      ...event,
      visibility: TIMELINE_EVENTS[event.type].visibility,
      // The time of the statement, not of the transaction: several actions in one caller's
      // transaction keep their order on the timeline.
      createdAt: sql`clock_timestamp()`,
    })
    .returning(EVENT_COLUMNS);
  return row as TimelineEventRecord;
}

/** The reply an Idempotency-Key already made on this message, with what was sent (its fingerprint). */
export async function findReplyByKey(
  db: Db,
  messageId: string,
  keyHash: string,
): Promise<(TimelineEventRecord & { requestFingerprint: string | null }) | undefined> {
  const [row] = await db
    .select({ ...EVENT_COLUMNS, requestFingerprint: timelineEvents.requestFingerprint })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.messageId, messageId), eq(timelineEvents.idempotencyKeyHash, keyHash)));
  return row as (TimelineEventRecord & { requestFingerprint: string | null }) | undefined;
}

export async function hasReply(db: Db, messageId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: timelineEvents.id })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.messageId, messageId), eq(timelineEvents.type, 'reply')))
    .limit(1);
  return row !== undefined;
}

/** The whole timeline, oldest first, or only what the customer sees. */
export async function findTimeline(db: Db, messageId: string, only?: 'public'): Promise<TimelineEntryRow[]> {
  const rows = await db
    .select({ ...EVENT_COLUMNS, actorName: users.name })
    .from(timelineEvents)
    .leftJoin(users, eq(users.id, timelineEvents.actorId))
    .where(and(eq(timelineEvents.messageId, messageId), only ? eq(timelineEvents.visibility, 'public') : undefined))
    .orderBy(asc(timelineEvents.createdAt), asc(timelineEvents.id));
  return rows as TimelineEntryRow[];
}

/**
 * The events of `types` recorded on the message after `eventId`, in timeline order, with the names
 * of who acted; undefined when `eventId` is not an event of this message. Compared in the database:
 * times are kept to the microsecond there, and JavaScript's dates would round them to the millisecond.
 */
export async function findEventsAfter(
  db: Db,
  { messageId, eventId, types }: { messageId: string; eventId: string; types: TimelineType[] },
): Promise<TimelineEntryRow[] | undefined> {
  const [seen] = await db
    .select({ id: timelineEvents.id })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.id, eventId), eq(timelineEvents.messageId, messageId)));
  if (!seen) return undefined;
  const rows = await db
    .select({ ...EVENT_COLUMNS, actorName: users.name })
    .from(timelineEvents)
    .leftJoin(users, eq(users.id, timelineEvents.actorId))
    .where(
      and(
        eq(timelineEvents.messageId, messageId),
        inArray(timelineEvents.type, types),
        sql`(${timelineEvents.createdAt}, ${timelineEvents.id}) > (select created_at, id from timeline_events where id = ${eventId})`,
      ),
    )
    .orderBy(asc(timelineEvents.createdAt), asc(timelineEvents.id));
  return rows as TimelineEntryRow[];
}
