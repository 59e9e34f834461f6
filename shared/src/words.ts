// "The customers' own words" (GET /api/v1/stats/words): the terms and two- and three-word phrases
// customers use most in a period, and those rising most against the period before, each with the
// number of messages that use it. A term is a stem (or stems in a row) of PostgreSQL's French or
// English text search, shown as customers wrote it most often.
import { Type, type Static } from 'typebox';
import { LOCALES } from './locale.ts';

export const WORDS_LIMITS = {
  /** The most terms of one word, and of two or three, listed. */
  top: 30,
  rising: 20,
  /** The longest period, in days. */
  periodDays: 366,
  /** A term's key: stems joined by spaces. */
  term: 300,
} as const;

/** A term: one to three stems, joined by single spaces. */
export const WORD_TERM_PATTERN = '^[^\\s]+( [^\\s]+){0,2}$';

const Day = Type.String({ format: 'date', description: 'A day (YYYY-MM-DD, UTC), included' });

export const WordsQuerySchema = Type.Object({
  from: Day,
  to: Day,
  teamId: Type.Optional(Type.String({ format: 'uuid' })),
  locale: Type.Optional(Type.Enum(LOCALES)),
});
export type WordsQuery = Static<typeof WordsQuerySchema>;

export const WordCountSchema = Type.Object({
  term: Type.String({
    description: 'The stems, joined by spaces: pass it as `word` to GET /api/v1/messages to list the messages',
  }),
  text: Type.String({ description: 'The term as customers wrote it most often in the period' }),
  words: Type.Integer({ minimum: 1, maximum: 3 }),
  messages: Type.Integer({ description: 'Messages of the period that use it' }),
  previousMessages: Type.Integer({ description: 'Messages of the period before that used it' }),
});
export type WordCount = Static<typeof WordCountSchema>;

export const WordsSchema = Type.Object({
  from: Day,
  to: Day,
  /** The period before, of the same length, that `rising` compares with. */
  previousFrom: Day,
  previousTo: Day,
  /** One word, most used first. */
  terms: Type.Array(WordCountSchema),
  /** Two or three words. */
  phrases: Type.Array(WordCountSchema),
  /** Most new messages using it compared with the period before first. */
  rising: Type.Array(WordCountSchema),
});
export type Words = Static<typeof WordsSchema>;

/** How many words a term has: its stems are joined by single spaces. */
export const termWords = (term: string): number => term.split(' ').length;
