// A Customer Day's report, computed from the messages of its period: which days there are, what each
// covers, and everything the report says. Publication keeps the result (publish-customer-day.ts).
import { utcDay } from '@ecoute/shared/calendar';
import {
  customerDayPeriod,
  isCustomerDay,
  nextCustomerDay,
  pastCustomerDays,
  type CalendarDay,
} from '@ecoute/shared/customer-day';
import {
  CUSTOMER_DAY_LIMITS,
  LOST_CUSTOMER_TAG,
  PRAISE_TAG,
  type CustomerDayPeriodView,
  type CustomerDayReport,
  type CustomerDaySummary,
  type Publication,
} from '@ecoute/shared/customer-day-contract';
import { commitmentOutcome, type CommitmentOutcome } from '@ecoute/shared/stats';
import {
  customerDayAnswers,
  customerDayCommitments,
  customerDayVolumes,
  findPublications,
  pinnedVerbatims,
  taggedMessages,
  type PublicationRow,
} from '../db/customer-days.repo.ts';
import type { Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';
import { wordsForPeriod } from './words-for-period.ts';

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function periodView(date: CalendarDay): CustomerDayPeriodView {
  const { previous, from, until } = customerDayPeriod(date);
  return { date, previous, from: from.toISOString(), until: until.toISOString() };
}

export function toPublication(row: PublicationRow): Publication {
  return {
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedById ? { id: row.publishedById, name: row.publishedByName ?? '' } : null,
    version: row.version,
  };
}

/**
 * The Customer Day `date` names, refused unless it is one whose period has begun: a past one or the
 * next. (A malformed date is refused by the route's schema before this.)
 */
export function reportableCustomerDay(date: string, now: Date): CalendarDay {
  if (!isCustomerDay(date)) {
    throw new DomainError(
      'not_found',
      'not_a_customer_day',
      `${date} is not a Customer Day (the third Thursday of January, April, July or October).`,
    );
  }
  if (date > nextCustomerDay(now)) {
    throw new DomainError(
      'not_found',
      'customer_day_not_started',
      `The period of the Customer Day ${date} has not begun.`,
    );
  }
  return date;
}

/** The next Customer Day and the past ones, newest first, each with its period and its publication. */
export async function listCustomerDays(db: Db, now: Date): Promise<CustomerDaySummary[]> {
  const next = nextCustomerDay(now);
  const past = pastCustomerDays(now, CUSTOMER_DAY_LIMITS.pastDays).filter((day) => day !== next);
  const days = [next, ...past];
  const published = new Map((await findPublications(db, days)).map((row) => [row.customerDay, row]));
  return days.map((date) => {
    const publication = published.get(date);
    return {
      ...periodView(date),
      when: date === next ? 'next' : 'past',
      publication: publication ? toPublication(publication) : null,
    };
  });
}

/** Everything the report of `date` says, computed now. */
export async function computeCustomerDayReport(db: Db, date: CalendarDay, now: Date): Promise<CustomerDayReport> {
  const period = customerDayPeriod(date);
  const listing = { listed: CUSTOMER_DAY_LIMITS.listedMessages, excerpt: CUSTOMER_DAY_LIMITS.excerpt };
  // One after the other: inside a transaction (publication) they share one connection.
  const volumes = await customerDayVolumes(db, period);
  const answersByTeam = await customerDayAnswers(db, period);
  const commitments = await customerDayCommitments(db, period);
  const words = await wordsForPeriod(db, { from: utcDay(period.from), to: date });
  const verbatims = await pinnedVerbatims(db, period);
  const compliments = await taggedMessages(db, period, { tag: PRAISE_TAG, ...listing });
  const lostCustomers = await taggedMessages(db, period, { tag: LOST_CUSTOMER_TAG, ...listing });
  // Where each commitment stands, by the dashboard's definition, in its team's time zone.
  const outcomes: Record<CommitmentOutcome, number> = {
    open: 0,
    overdue: 0,
    kept_on_time: 0,
    kept_late: 0,
    dropped: 0,
  };
  for (const commitment of commitments) outcomes[commitmentOutcome(commitment, now, commitment.timeZone)] += 1;
  const received = answersByTeam.reduce((sum, team) => sum + team.received, 0);
  const answered = answersByTeam.reduce((sum, team) => sum + team.answered, 0);
  return {
    period: periodView(date),
    generatedAt: now.toISOString(),
    volumes,
    answers: { received, answered, rate: ratio(answered, received), byTeam: answersByTeam },
    commitments: {
      made: commitments.length,
      keptOnTime: outcomes.kept_on_time,
      keptLate: outcomes.kept_late,
      dropped: outcomes.dropped,
      open: outcomes.open,
      overdue: outcomes.overdue,
      // Of those settled or that should be, as shared/src/stats.ts's commitmentSummary counts them.
      keptOnTimeRate: ratio(outcomes.kept_on_time, commitments.length - outcomes.open),
    },
    risingWords: words.rising,
    verbatims,
    compliments,
    lostCustomers,
  };
}
