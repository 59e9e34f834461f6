// Mail that came in: every one kept with its raw source (agents can open the original), what was read
// of it, and what became of it; the unmatched ones wait here for an admin.
import { sql } from 'drizzle-orm';
import { customType, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import {
  INBOUND_MAIL_CHANNELS,
  INBOUND_MAIL_KINDS,
  INBOUND_MAIL_OUTCOMES,
  UNMATCHED_REASONS,
  type MailAttachment,
} from '@ecoute/shared/inbound-mail';
import { emails } from './emails.ts';
import { messages, timelineEvents } from './messages.ts';
import { users } from './users.ts';

/** Raw bytes: a mail need not be UTF-8, and the original must be the original. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const inboundMails = pgTable(
  'inbound_mails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `mid:<Message-ID>`, or `sha256:<hash of the raw mail>` without one: the same mail twice is one row. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    rfcMessageId: text('rfc_message_id'),
    channel: text('channel', { enum: INBOUND_MAIL_CHANNELS }).notNull(),
    envelopeFrom: text('envelope_from'),
    envelopeTo: text('envelope_to').array().notNull().default([]),
    kind: text('kind', { enum: INBOUND_MAIL_KINDS }).notNull(),
    outcome: text('outcome', { enum: INBOUND_MAIL_OUTCOMES }).notNull(),
    unmatchedReason: text('unmatched_reason', { enum: UNMATCHED_REASONS }),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    recipients: text('recipients').array().notNull().default([]),
    subject: text('subject').notNull().default(''),
    /** The person's words, trimmed of quoted history and signature. */
    text: text('text').notNull().default(''),
    attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
    raw: bytea('raw').notNull(),
    /** The message it was placed on (answered, bounced, started, or attached by an admin). */
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    /** The timeline event it made, if any. */
    eventId: uuid('event_id').references(() => timelineEvents.id, { onDelete: 'set null' }),
    /** The email of ours it answers or reports on, if known. */
    emailId: uuid('email_id').references(() => emails.id, { onDelete: 'set null' }),
    /** The admin who attached or dismissed it. */
    resolvedById: uuid('resolved_by_id').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('inbound_mails_unmatched_idx')
      .on(table.receivedAt, table.id)
      .where(sql`outcome = 'unmatched'`),
    index('inbound_mails_message_id_idx').on(table.messageId),
  ],
);

export type InboundMailRow = typeof inboundMails.$inferSelect;
