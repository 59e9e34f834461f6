// The customers' own words, counted per day, week and month, team and language (GET /api/v1/stats/words).
// Writers never touch the counts: a trigger on messages (migrations/0015) appends the message to
// `word_backlog` in the writer's own transaction (a new row, so no two writers wait for each other),
// and the folder (words.repo.ts) folds the backlog into `word_counts` and `word_surfaces` after the
// commit, one batch at a time under an advisory lock. Readers add what is not folded yet, so counts are always exact.
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

/** The spans counts are kept for: UTC days, ISO weeks (Monday to Sunday) and calendar months of those days. */
export const WORD_SPANS = ['day', 'week', 'month'] as const;
export type WordSpan = (typeof WORD_SPANS)[number];

/**
 * How many messages of a span (a day, a week or a month, starting on `day`), team and language use a
 * term (a stem, or two or three stems in a row, joined by spaces): each message counts once per term.
 * A week's or a month's row is the sum of its days' rows, so a long period reads a few rows per term.
 */
export const wordCounts = pgTable(
  'word_counts',
  {
    span: text('span', { enum: WORD_SPANS }).notNull(),
    /** The span's first day (UTC). */
    day: date('day', { mode: 'string' }).notNull(),
    teamId: uuid('team_id').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    term: text('term').notNull(),
    messages: integer('messages').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.span, table.day, table.teamId, table.locale, table.term] }),
    // Reads also use word_counts_read_idx, the key INCLUDE (messages), made by migrations/0021 since
    // drizzle cannot declare it.
    // Rows a fold brought down to zero, deleted right after.
    index('word_counts_zero_idx')
      .on(table.span, table.day)
      .where(sql`messages = 0`),
  ],
);

/**
 * The same counts per written form (`surface`): each message counts under the way it wrote the term
 * most often, so a term's count is the sum over its surfaces. Read only for the few terms a read
 * shows, hence the key that starts with the term.
 */
export const wordSurfaces = pgTable(
  'word_surfaces',
  {
    term: text('term').notNull(),
    span: text('span', { enum: WORD_SPANS }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    teamId: uuid('team_id').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    surface: text('surface').notNull(),
    messages: integer('messages').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.term, table.span, table.day, table.teamId, table.locale, table.surface] }),
    index('word_surfaces_zero_idx')
      .on(table.span, table.day)
      .where(sql`messages = 0`),
  ],
);
