// Forms: one per site or product, with the origins allowed to post to it.
import { LOCALES } from '@ecoute/shared/locale';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const forms = pgTable('forms', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  /** Exact origins (`https://shop.example`) allowed to post from a browser; `*` allows any. */
  allowedOrigins: text('allowed_origins').array().notNull().default([]),
  defaultLocale: text('default_locale', { enum: LOCALES }).notNull().default('en'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Form = typeof forms.$inferSelect;
