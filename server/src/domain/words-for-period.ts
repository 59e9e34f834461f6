// The customers' own words over a period (the words page, the Customer Day report): the terms and
// phrases customers used most, and those rising most against the period before of the same length.
import { dayNumber, dayOf } from '@ecoute/shared/calendar';
import type { Locale } from '@ecoute/shared/locale';
import { WORDS_LIMITS, type Words } from '@ecoute/shared/words';
import { findWordsOfPeriod, type WordsPeriod } from '../db/words.repo.ts';
import type { Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';

export interface WordsInput {
  /** Days (YYYY-MM-DD, UTC), both included. */
  from: string;
  to: string;
  teamId?: string | undefined;
  locale?: Locale | undefined;
}

/** The period and the one before it, of the same length; refuses a period that ends before it starts or is too long. */
export function wordsPeriod(input: WordsInput): WordsPeriod {
  const from = dayNumber(input.from);
  const to = dayNumber(input.to);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) {
    throw new DomainError('invalid_input', 'invalid_period', 'The period must end on or after the day it starts.', {
      fields: { to: 'must be on or after from' },
    });
  }
  const days = to - from + 1;
  if (days > WORDS_LIMITS.periodDays) {
    throw new DomainError('invalid_input', 'period_too_long', `A period is at most ${WORDS_LIMITS.periodDays} days.`, {
      fields: { to: `at most ${WORDS_LIMITS.periodDays} days after from` },
    });
  }
  return {
    from: input.from,
    to: input.to,
    previousFrom: dayOf(from - days),
    previousTo: dayOf(from - 1),
    teamId: input.teamId,
    locale: input.locale,
  };
}

/** Top terms, phrases and rising terms of the period, per team and language when given. */
export async function wordsForPeriod(db: Db, input: WordsInput): Promise<Words> {
  const period = wordsPeriod(input);
  const words = await findWordsOfPeriod(db, period);
  return {
    from: period.from,
    to: period.to,
    previousFrom: period.previousFrom,
    previousTo: period.previousTo,
    ...words,
  };
}
