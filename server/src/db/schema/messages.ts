// Messages customers write, and their timeline: every event from acknowledgement to follow-up.
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { forms } from './forms.ts';

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
    locale: text('locale', { enum: ['fr', 'en'] }).notNull(),
    pageUrl: text('page_url'),
    status: text('status', { enum: ['unanswered', 'committed', 'closed', 'spam'] }).notNull(),
    spamSignals: text('spam_signals').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('messages_status_created_at_idx').on(table.status, table.createdAt)],
);

export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    type: text('type', { enum: ['acknowledged', 'customer_message'] }).notNull(),
    /** Internal events (notes, routing) never reach the customer's tracking page. */
    visibility: text('visibility', { enum: ['public', 'internal'] }).notNull(),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('timeline_events_message_id_created_at_idx').on(table.messageId, table.createdAt)],
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
export type TimelineEventRow = typeof timelineEvents.$inferSelect;
