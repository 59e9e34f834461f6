// Forms: one per site or product, with the origins allowed to post to it.
import { LOCALES, type Locale } from '@ecoute/shared/locale';
import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const forms = pgTable('forms', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  /** Exact origins (`https://shop.example`) allowed to post from a browser; `*` allows any. */
  allowedOrigins: text('allowed_origins').array().notNull().default([]),
  defaultLocale: text('default_locale', { enum: LOCALES }).notNull().default('en'),
  /** The acknowledgement's words per language, with placeholders; a language left out gets Ecoute's. */
  acknowledgements: jsonb('acknowledgements').$type<Partial<Record<Locale, string>>>().notNull().default({}),
  /** The widget's and hosted form's colour (`#rrggbb`); null: Ecoute's own. */
  accent: text('accent'),
  /** Set when an admin archived the form: it takes no more messages, and keeps those it has. */
  archivedAt: timestamp('archived_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Form = typeof forms.$inferSelect;
