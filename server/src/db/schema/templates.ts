// Reply templates managed by managers; agents insert them and then make them personal.
import { LOCALES } from '@ecoute/shared/locale';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const templates = pgTable('templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  body: text('body').notNull(),
  /** The language the template is written in; null suits any message. */
  locale: text('locale', { enum: LOCALES }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type TemplateRow = typeof templates.$inferSelect;
