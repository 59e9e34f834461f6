// The live inbox's numbered feed: one row per timeline event, written by the database itself (a
// trigger on timeline_events, migrations/0010) in the transaction that made the event. Its number
// (`id`) is given after the commit, by the sequencer (live-events.repo.ts), one batch at a time: a
// reader that has seen number N is given only greater ones after, and no writer waits for another to
// number its rows.
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { TimelineType } from '@ecoute/shared/timeline-events';

export const liveEvents = pgTable(
  'live_events',
  {
    /** The order rows were written in: the sequencer numbers them in it. */
    rowId: bigserial('row_id', { mode: 'number' }).primaryKey(),
    /** The number streams and Last-Event-ID use; null until the sequencer gives it. */
    id: bigint('id', { mode: 'number' }).unique(),
    /** No foreign key: an erased message's rows age out with the others. */
    messageId: uuid('message_id').notNull(),
    /** The timeline event's type. */
    kind: text('kind').$type<TimelineType>().notNull(),
    /** Ids only (the timeline event, the agent who acted): never the customer's words or address. */
    payload: jsonb('payload').$type<{ eventId: string; actorId: string | null }>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('live_events_created_at_idx').on(table.createdAt),
    index('live_events_unnumbered_idx')
      .on(table.rowId)
      .where(sql`id is null`),
  ],
);

export type LiveEventRow = typeof liveEvents.$inferSelect;
