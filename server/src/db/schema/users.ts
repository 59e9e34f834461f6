// People who work in Ecoute, their sessions, and the one-time links that let them choose a password.
import { sql } from 'drizzle-orm';
import { ROLES } from '@ecoute/shared/agent-values';
import { LOCALES } from '@ecoute/shared/locale';
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** Null until the user chooses a password through their one-time link. */
    passwordHash: text('password_hash'),
    /** Deactivated users cannot sign in; their name stays on what they did. */
    active: boolean('active').notNull().default(true),
    /** Available or away (their own choice): round-robin gives messages to available members only. */
    available: boolean('available').notNull().default(true),
    /** The language they chose for the interface, which emails to them speak; null until they choose. */
    locale: text('locale', { enum: LOCALES }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('users_email_unique').on(sql`lower(${table.email})`),
    check('users_locale_known', sql`locale in ('fr', 'en')`),
  ],
);

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_user_id_idx').on(table.userId)],
);

/** One-time set-password links, stored hashed like sessions. */
export const passwordTokens = pgTable('password_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export type User = typeof users.$inferSelect;
