// The dashboard's facts, kept at write time so that reading them never walks timelines: one row per
// message and one per customer turn, recomputed from the timeline by the database (migrations/0014,
// refresh_message_facts) in the transaction of the event, move or team change that alters them. The
// definitions are shared/src/stats.ts's; tests/db/message-facts.test.ts compares the two.
import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
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

export type MessageFactsRow = typeof messageFacts.$inferSelect;
export type CustomerTurnRow = typeof customerTurns.$inferSelect;
