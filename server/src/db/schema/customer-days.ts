// Customer Day: the verbatims managers pin for the report, the reports as they were published (a
// snapshot, so that later changes to messages never rewrite what the company was shown), and the
// read-only links that share a published report with people who have no account.
import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CustomerDayReport } from '@ecoute/shared/customer-day-contract';
import { messages } from './messages.ts';
import { users } from './users.ts';

/** One pin per message: its words appear in the report of the period the message arrived in. */
export const customerDayPins = pgTable('customer_day_pins', {
  messageId: uuid('message_id')
    .primaryKey()
    .references(() => messages.id, { onDelete: 'cascade' }),
  note: text('note'),
  pinnedBy: uuid('pinned_by').references(() => users.id),
  pinnedAt: timestamp('pinned_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A published report, one per Customer Day; republishing replaces it and counts a version. */
export const customerDayReports = pgTable('customer_day_reports', {
  customerDay: date('customer_day', { mode: 'string' }).primaryKey(),
  report: jsonb('report').$type<CustomerDayReport>().notNull(),
  version: integer('version').notNull().default(1),
  publishedBy: uuid('published_by').references(() => users.id),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
});

export const customerDayShares = pgTable(
  'customer_day_shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerDay: date('customer_day', { mode: 'string' })
      .notNull()
      .references(() => customerDayReports.customerDay, { onDelete: 'cascade' }),
    /** SHA-256 of the link's token: the token itself is only in the link. */
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('customer_day_shares_customer_day_idx').on(table.customerDay, table.createdAt)],
);

export type CustomerDayPinRow = typeof customerDayPins.$inferSelect;
export type CustomerDayReportRow = typeof customerDayReports.$inferSelect;
export type CustomerDayShareRow = typeof customerDayShares.$inferSelect;
