// Messages customers write, their timeline (every event from acknowledgement to follow-up), and the
// commitments agents make in replies.
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { LOCALES } from '@ecoute/shared/locale';
import { COMMITMENT_STATUSES, CUSTOMER_EMAIL_STATES, MESSAGE_STATUSES, VISIBILITIES } from '@ecoute/shared/statuses';
import type { TimelineEventData, TimelineType } from '@ecoute/shared/timeline-events';
import { forms } from './forms.ts';
import { teams } from './teams.ts';
import { users } from './users.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    formId: uuid('form_id')
      .notNull()
      .references(() => forms.id),
    reference: text('reference').notNull().unique(),
    /** SHA-256 of the tracking token: the token itself is only ever known to the customer. */
    trackingTokenHash: text('tracking_token_hash').notNull().unique(),
    body: text('body').notNull(),
    customerName: text('customer_name'),
    customerEmail: text('customer_email'),
    /** Whether Ecoute still writes to that address: the customer may turn emails off, a bounce stops them. */
    customerEmailState: text('customer_email_state', { enum: CUSTOMER_EMAIL_STATES }).notNull().default('on'),
    /**
     * The tracking token sealed with the server's key (security/server-key.ts), so that every email to
     * the customer can carry their tracking link; null for messages stored before emails existed.
     */
    trackingTokenSealed: text('tracking_token_sealed'),
    /**
     * SHA-256 of the token in the message's reply address `reply+<token>@…`, set with its first email.
     * The token is derived from the message and the server's key, so it is never stored.
     */
    replyTokenHash: text('reply_token_hash').unique(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    pageUrl: text('page_url'),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull(),
    spamSignals: text('spam_signals').array().notNull().default([]),
    tags: text('tags').array().notNull().default([]),
    /** The team whose queue it is in: the default team (a SQL function, migrations/0008) unless routed. */
    teamId: uuid('team_id')
      .notNull()
      .default(sql`default_team_id()`)
      .references(() => teams.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    /** Round-robin found nobody available: it waits in its team's queue, handed out oldest first. */
    awaitingAssignee: boolean('awaiting_assignee').notNull().default(false),
    /** When the customer's oldest words still without an answer were written: `unanswered` order. */
    waitingSince: timestamp('waiting_since', { withTimezone: true }).notNull().defaultNow(),
    /** The earliest due date among open commitments; null when none is open. */
    nextDueOn: date('next_due_on', { mode: 'string' }),
    /** What the customer wrote again since (tracking page, API), one after the other: searched too. */
    followUps: text('follow_ups').notNull().default(''),
    /**
     * Full-text search in the message's own language: the name, the words, and the words since.
     * The configurations fold accents before stemming (migrations/0004), so "velo" finds "vélo".
     */
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`to_tsvector(case when locale = 'fr' then 'french_unaccent'::regconfig else 'english_unaccent'::regconfig end, coalesce(customer_name, '') || ' ' || body || ' ' || follow_ups)`,
      ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('messages_status_created_at_idx').on(table.status, table.createdAt, table.id),
    index('messages_status_waiting_since_idx').on(table.status, table.waitingSince, table.id),
    index('messages_created_at_idx').on(table.createdAt, table.id),
    // The dashboard's unanswered now (counts by team and assignee, ages, the oldest): an index-only
    // scan of the few waiting messages instead of a visit to each of their rows (bench/RESULTS.md).
    index('messages_unanswered_waiting_since_idx')
      .on(table.waitingSince, table.id, table.teamId, table.assigneeId)
      .where(sql`status = 'unanswered'`),
    // `mine` holds only what is open: partial, so its count is an index-only scan (bench/RESULTS.md).
    index('messages_assignee_created_at_idx')
      .on(table.assigneeId, table.createdAt, table.id)
      .where(sql`status in ('unanswered', 'committed')`),
    // next_due_on last: `overdue` tests it in the index, without reading the rows it skips.
    index('messages_due_created_at_idx')
      .on(table.createdAt, table.id, table.nextDueOn)
      .where(sql`next_due_on is not null`),
    index('messages_team_created_at_idx').on(table.teamId, table.createdAt, table.id),
    index('messages_awaiting_assignee_idx')
      .on(table.teamId, table.createdAt, table.id)
      .where(sql`awaiting_assignee`),
    index('messages_customer_email_idx').on(sql`lower(${table.customerEmail})`, table.createdAt),
    index('messages_tags_idx').using('gin', table.tags),
    // Few distinct sets of tags: the tags in use are read by skipping from one set to the next.
    index('messages_tag_sets_idx')
      .on(table.tags)
      .where(sql`tags <> '{}'`),
    index('messages_search_idx').using('gin', table.search),
  ],
);

export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    type: text('type').$type<TimelineType>().notNull(),
    /** Internal events (notes, tags, routing) never reach the customer's tracking page. */
    visibility: text('visibility', { enum: VISIBILITIES }).notNull(),
    /** The agent who acted; null for the customer and the system. */
    actorId: uuid('actor_id').references(() => users.id),
    body: text('body'),
    data: jsonb('data').$type<TimelineEventData['data']>().notNull().default({}),
    /** A reply sent with an Idempotency-Key: the key's hash, and what was sent (its fingerprint). */
    idempotencyKeyHash: text('idempotency_key_hash'),
    requestFingerprint: text('request_fingerprint'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('timeline_events_message_id_created_at_idx').on(table.messageId, table.createdAt),
    uniqueIndex('timeline_events_idempotency_idx')
      .on(table.messageId, table.idempotencyKeyHash)
      .where(sql`idempotency_key_hash is not null`),
  ],
);

export const commitments = pgTable(
  'commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    /** The reply that made the promise. */
    replyEventId: uuid('reply_event_id')
      .notNull()
      .references(() => timelineEvents.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    ownerId: uuid('owner_id').references(() => users.id),
    status: text('status', { enum: COMMITMENT_STATUSES }).notNull().default('open'),
    /** What was done (fulfilled) or why not (dropped): the customer reads it. */
    outcome: text('outcome'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /**
     * The message's team, written by the database alone (triggers, migrations/0027) so that the
     * dashboard counts commitments without looking up each one's message. Never null once stored.
     */
    teamId: uuid('team_id').references(() => teams.id),
  },
  (table) => [
    index('commitments_message_id_idx').on(table.messageId),
    // The CSV export reads commitments by when they were made, page after page (db/exports.repo.ts).
    index('commitments_created_at_idx').on(table.createdAt, table.id),
    index('commitments_open_due_idx')
      .on(table.dueOn, table.id)
      .where(sql`status = 'open'`),
  ],
);

/** One row per (form, Idempotency-Key): the unique key is what makes retries create one message. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    formId: uuid('form_id')
      .notNull()
      .references(() => forms.id),
    /** SHA-256 of the client's key: the key itself is what unseals `sealedTrackingToken`. */
    keyHash: text('key_hash').notNull(),
    /** SHA-256 of the submission, so a reused key with different content is refused. */
    fingerprint: text('fingerprint').notNull(),
    sealedTrackingToken: text('sealed_tracking_token').notNull(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.formId, table.keyHash] })],
);

export type Message = typeof messages.$inferSelect;
export type CommitmentRow = typeof commitments.$inferSelect;
