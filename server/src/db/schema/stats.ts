// The dashboard's facts, kept at write time so that reading them never walks timelines: one row per
// message and one per customer turn, recomputed from the timeline by the database (migrations/0014,
// refresh_message_facts) in the transaction of the event, move or team change that alters them. The
// definitions are shared/src/stats.ts's; tests/db/message-facts.test.ts compares the two.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { messages } from './messages.ts';
import { teams } from './teams.ts';
import { users } from './users.ts';

export const messageFacts = pgTable(
  'message_facts',
  {
    messageId: uuid('message_id')
      .primaryKey()
      .references(() => messages.id, { onDelete: 'cascade' }),
    /** The message's team now: its numbers count for the team that has it. */
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    firstReplyAt: timestamp('first_reply_at', { withTimezone: true }),
    /** Who wrote the first reply (credited with its time), whoever the assignee was. */
    firstReplyBy: uuid('first_reply_by').references(() => users.id),
    /** From received, in the team's working time (wall-clock time when it works around the clock). */
    workingSecondsToAcknowledge: doublePrecision('working_seconds_to_acknowledge'),
    workingSecondsToFirstReply: doublePrecision('working_seconds_to_first_reply'),
    /** In quarantine: left out of every number. */
    spam: boolean('spam').notNull().default(false),
  },
  (table) => [
    index('message_facts_received_at_idx').on(table.receivedAt),
    index('message_facts_team_received_at_idx').on(table.teamId, table.receivedAt),
    index('message_facts_first_reply_by_idx')
      .on(table.firstReplyBy, table.receivedAt)
      .where(sql`first_reply_by is not null`),
    // The dashboard's medians and p90 (stats.repo.ts): the exact value at a rank inside one bucket of
    // the rollup's histograms, read from the index alone, for all teams or one, and for one replier.
    index('message_facts_reply_bucket_idx')
      .on(
        sql`stats_bucket(working_seconds_to_first_reply)`,
        table.receivedAt,
        table.teamId,
        table.spam,
        table.firstReplyBy,
        table.workingSecondsToFirstReply,
      )
      .where(sql`working_seconds_to_first_reply is not null`),
    index('message_facts_replier_bucket_idx')
      .on(
        table.firstReplyBy,
        sql`stats_bucket(working_seconds_to_first_reply)`,
        table.receivedAt,
        table.teamId,
        table.spam,
        table.workingSecondsToFirstReply,
      )
      .where(sql`working_seconds_to_first_reply is not null`),
    // The messages whose breach depends on the time of reading: not acknowledged or not answered yet.
    index('message_facts_pending_idx')
      .on(table.receivedAt)
      .where(sql`acknowledged_at is null or first_reply_at is null`),
  ],
);

/** Each wait of the customer: from their words to the reply that answered them (shared customerTurns). */
export const customerTurns = pgTable(
  'customer_turns',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** The agent who wrote the answering reply. */
    answeredBy: uuid('answered_by').references(() => users.id),
    workingSecondsToAnswer: doublePrecision('working_seconds_to_answer'),
  },
  (table) => [
    primaryKey({ columns: [table.messageId, table.startedAt] }),
    index('customer_turns_started_at_idx').on(table.startedAt),
  ],
);

/**
 * The dashboard's rollup of the facts (migrations/0025): what no longer depends on the time of reading,
 * summed per UTC day and team (`agent_id` null: all the team's messages) and per UTC week (from
 * Monday), team and first replier. Each row is one measure's count: `received`, `answered`,
 * `acknowledge_breached`, `first_reply_breached` (bucket 0), or the number of acknowledgement or
 * first-reply times in one `stats_bucket` of a histogram (`acknowledge`, `first_reply`). It holds the
 * facts of the messages received before the horizon (`stats_rollup_horizon`), kept by a trigger on
 * message_facts; a job seals one more week at a time, and a change of a team's targets or clock
 * empties it (it is sealed again from the start).
 */
export const statsRollup = pgTable(
  'stats_rollup',
  {
    span: text('span', { enum: ['day', 'week'] }).notNull(),
    start: date('start').notNull(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    agentId: uuid('agent_id').references(() => users.id),
    measure: text('measure', {
      enum: ['received', 'answered', 'acknowledge_breached', 'first_reply_breached', 'acknowledge', 'first_reply'],
    }).notNull(),
    bucket: smallint('bucket').notNull(),
    n: integer('n').notNull(),
  },
  (table) => [
    unique('stats_rollup_key')
      .on(table.span, table.start, table.teamId, table.agentId, table.measure, table.bucket)
      .nullsNotDistinct(),
    check('stats_rollup_span_agent', sql`(span = 'day') = (agent_id is null)`),
  ],
);

/** The rollup holds the facts of the messages received before `sealed_before` (a UTC midnight). */
export const statsRollupHorizon = pgTable(
  'stats_rollup_horizon',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    sealedBefore: timestamp('sealed_before', { withTimezone: true }).notNull(),
  },
  () => [check('stats_rollup_horizon_singleton', sql`singleton`)],
);

export type MessageFactsRow = typeof messageFacts.$inferSelect;
export type CustomerTurnRow = typeof customerTurns.$inferSelect;
