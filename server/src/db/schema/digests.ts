// The weekly digest's subscribers: any address a manager adds, for one team or one tag, in a language.
// The unsubscribe link's token is derived from the server's secret and the subscriber (so that every
// digest can carry it); only its SHA-256 is stored, to find the subscriber the link names.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '@ecoute/shared/locale';
import { teams } from './teams.ts';
import { users } from './users.ts';

export const digestSubscribers = pgTable(
  'digest_subscribers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    /** The team whose week it tells; or else `tag`. */
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    tag: text('tag'),
    unsubscribeTokenHash: text('unsubscribe_token_hash').notNull().unique(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set by the unsubscribe link: no more digests, and the link's page still says so. */
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
  },
  (table) => [
    check('digest_subscribers_team_or_tag', sql`(team_id is null) <> (tag is null)`),
    index('digest_subscribers_active_idx')
      .on(table.createdAt)
      .where(sql`unsubscribed_at is null`),
  ],
);

export type DigestSubscriberRow = typeof digestSubscribers.$inferSelect;
