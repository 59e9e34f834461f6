// Emails Ecoute writes (to customers and to the team): each one a row from the moment the event that
// causes it is stored, in the same transaction, with its delivery state; the row is the outbox.
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '@ecoute/shared/locale';
import { EMAIL_KINDS, EMAIL_STATES } from '@ecoute/shared/statuses';
import { digestSubscribers } from './digests.ts';
import { commitments, messages, timelineEvents } from './messages.ts';
import { users } from './users.ts';

export const emails = pgTable(
  'emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The message it is about; null for an email about no message (a digest, a Customer Day reminder). */
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: EMAIL_KINDS }).notNull(),
    /** The timeline event the email tells about (the reply, the kept commitment…), if one. */
    eventId: uuid('event_id').references(() => timelineEvents.id, { onDelete: 'cascade' }),
    commitmentId: uuid('commitment_id').references(() => commitments.id, { onDelete: 'cascade' }),
    /** A team member it is addressed to; null for the customer. */
    recipientUserId: uuid('recipient_user_id').references(() => users.id),
    /** The digest subscriber it is for, if a digest. */
    subscriberId: uuid('subscriber_id').references(() => digestSubscribers.id, { onDelete: 'cascade' }),
    /** The day it tells about when no message says it: a digest's week (its Monday), a Customer Day. */
    aboutDay: date('about_day', { mode: 'string' }),
    recipient: text('recipient').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    /** What makes it one email: the same key twice (a job run twice, a check every hour) is one row. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    /** Its `Message-ID` (without angle brackets), stable across retries: mail clients thread on it. */
    rfcMessageId: text('rfc_message_id').notNull().unique(),
    /** SHA-256 of the token in its envelope sender `bounce+<token>@…`: a delivery report names it. */
    bounceTokenHash: text('bounce_token_hash').notNull().unique(),
    state: text('state', { enum: EMAIL_STATES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Why it is retrying, failed or suppressed, in words an admin understands. */
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('emails_about_a_message', sql`message_id is not null or kind in ('digest', 'customer_day_reminder')`),
    index('emails_message_id_idx').on(table.messageId, table.createdAt),
    // The Outbox lists what is not sent: held, retrying, failed.
    index('emails_unsent_idx')
      .on(table.state, table.createdAt)
      .where(sql`state in ('queued', 'held', 'retrying', 'failed')`),
  ],
);

export type EmailRow = typeof emails.$inferSelect;
