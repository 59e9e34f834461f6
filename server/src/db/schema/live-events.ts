// The live inbox's numbered feed: one row per timeline event, written by the database itself (a
// trigger on timeline_events, migrations/0008) at the commit of the transaction that made the event,
// so ids follow commit order and a reader that has seen id N has seen everything before it.
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { TimelineType } from '@ecoute/shared/timeline-events';

export const liveEvents = pgTable(
  'live_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** No foreign key: an erased message's rows age out with the others. */
    messageId: uuid('message_id').notNull(),
    /** The timeline event's type. */
    kind: text('kind').$type<TimelineType>().notNull(),
    /** Ids only (the timeline event, the agent who acted): never the customer's words or address. */
    payload: jsonb('payload').$type<{ eventId: string; actorId: string | null }>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('live_events_created_at_idx').on(table.createdAt)],
);

export type LiveEventRow = typeof liveEvents.$inferSelect;
