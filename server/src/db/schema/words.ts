// The customers' own words, counted per day, team and language (GET /api/v1/stats/words). Writers
// never touch the counts: a trigger on messages (migrations/0015) appends the message to
// `word_backlog` in the writer's own transaction (a new row, so no two writers wait for each other),
// and the folder (words.repo.ts) folds the backlog into `word_counts` after the commit, one batch
// at a time under an advisory lock. Readers add what is not folded yet, so counts are always exact.
import { sql } from 'drizzle-orm';
import { bigserial, date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '@ecoute/shared/locale';

/** Messages whose words may count differently since the last fold: written, moved, (un)marked spam, deleted. */
export const wordBacklog = pgTable('word_backlog', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** No foreign key: a deleted message's row tells the folder to take its words back. */
  messageId: uuid('message_id').notNull(),
  /** A deleted message's words, which the folder can no longer read from messages. */
  body: text('body'),
  followUps: text('follow_ups'),
});

/**
 * What each counted message contributes to word_counts as last folded: its day, team and language,
 * and how much of its follow-ups (which only grow) was read. A message that does not count (spam)
 * has no row.
 */
export const wordFolds = pgTable('word_folds', {
  messageId: uuid('message_id').primaryKey(),
  day: date('day', { mode: 'string' }).notNull(),
  teamId: uuid('team_id').notNull(),
  locale: text('locale', { enum: LOCALES }).notNull(),
  followUpsLength: integer('follow_ups_length').notNull(),
});

/**
 * How many messages of a day, team and language use a term (a stem, or two or three stems in a row,
 * joined by spaces) written as `surface`: each message counts once per term, under the way it wrote
 * the term most often, so a term's count is the sum over its surfaces.
 */
export const wordCounts = pgTable(
  'word_counts',
  {
    day: date('day', { mode: 'string' }).notNull(),
    teamId: uuid('team_id').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    term: text('term').notNull(),
    surface: text('surface').notNull(),
    messages: integer('messages').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.teamId, table.locale, table.term, table.surface] }),
    // Rows a fold brought down to zero, deleted right after.
    index('word_counts_zero_idx')
      .on(table.day)
      .where(sql`messages = 0`),
  ],
);
