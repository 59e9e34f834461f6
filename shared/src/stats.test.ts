import { describe, expect, it } from 'vitest';
import {
  answerRate,
  commitmentOutcome,
  commitmentSummary,
  customerTurns,
  isTimeZone,
  isWorkingSpan,
  messageFacts,
  percentiles,
  turnAnswerTimes,
  unansweredAgeMs,
  waitingSince,
  weeksBetween,
  workingMs,
  zonedInstant,
  type StatsEvent,
  type TeamClock,
  type WorkingHours,
} from './stats.ts';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const ALICE = 'alice';
const BOB = 'bob';

const ack = (iso: string): StatsEvent => ({ type: 'acknowledged', at: at(iso), actorId: null });
const reply = (iso: string, by: string): StatsEvent => ({ type: 'reply', at: at(iso), actorId: by });
const customer = (iso: string): StatsEvent => ({ type: 'customer_message', at: at(iso), actorId: null });
const assigned = (iso: string): StatsEvent => ({ type: 'assigned', at: at(iso), actorId: ALICE });

const OFFICE: WorkingHours = {
  mon: [{ from: '09:00', to: '17:00' }],
  tue: [{ from: '09:00', to: '17:00' }],
  wed: [{ from: '09:00', to: '17:00' }],
  thu: [{ from: '09:00', to: '17:00' }],
  fri: [
    { from: '09:00', to: '12:00' },
    { from: '14:00', to: '17:00' },
  ],
};
const PARIS: TeamClock = { timeZone: 'Europe/Paris', workingHours: OFFICE };

describe('time to acknowledge and to first reply', () => {
  it('measures from received, credits the agent who wrote the reply, not the assignee', () => {
    const facts = messageFacts({
      receivedAt: at('2026-03-02T10:00:00Z'),
      events: [
        reply('2026-03-02T12:30:00Z', BOB),
        assigned('2026-03-02T10:05:00Z'),
        ack('2026-03-02T10:00:00.004Z'),
        reply('2026-03-02T13:00:00Z', ALICE),
      ],
    });
    expect(facts.acknowledgedAt).toEqual(at('2026-03-02T10:00:00.004Z'));
    expect(facts.workingMsToAcknowledge).toBe(4);
    expect(facts.firstReplyAt).toEqual(at('2026-03-02T12:30:00Z'));
    expect(facts.firstReplyBy).toBe(BOB);
    expect(facts.workingMsToFirstReply).toBe(2.5 * HOUR);
    expect(facts.spam).toBe(false);
  });

  it('has no first reply while nobody has answered', () => {
    const facts = messageFacts({ receivedAt: at('2026-03-02T10:00:00Z'), events: [ack('2026-03-02T10:00:00Z')] });
    expect(facts.firstReplyAt).toBeNull();
    expect(facts.workingMsToFirstReply).toBeNull();
    expect(unansweredAgeMs(facts, at('2026-03-03T10:00:00Z'))).toBe(24 * HOUR);
  });

  it('counts only working hours when the team has them, in its time zone', () => {
    // Friday 16:00 in Paris (15:00 UTC in winter) to Monday 10:00: 1 h on Friday, 1 h on Monday.
    const facts = messageFacts(
      {
        receivedAt: at('2026-01-09T15:00:00Z'),
        events: [ack('2026-01-09T15:00:00Z'), reply('2026-01-12T09:00:00Z', ALICE)],
      },
      PARIS,
    );
    expect(facts.workingMsToFirstReply).toBe(2 * HOUR);
    expect(facts.workingMsToAcknowledge).toBe(0);
  });

  it('skips the lunch break and the weekend', () => {
    // Friday 11:00 to 15:00 Paris: 1 h before lunch, 1 h after.
    expect(workingMs(at('2026-01-09T10:00:00Z'), at('2026-01-09T14:00:00Z'), PARIS)).toBe(2 * HOUR);
    // Saturday to Sunday: nothing.
    expect(workingMs(at('2026-01-10T08:00:00Z'), at('2026-01-11T20:00:00Z'), PARIS)).toBe(0);
  });

  it('reads working hours in local time across daylight-saving changes (Europe/Paris)', () => {
    // Friday 27 March 2026, 16:00 CET (15:00 UTC) to Monday 30 March, 10:00 CEST (08:00 UTC): the
    // clocks went forward on Sunday; 1 h on Friday and 1 h on Monday, not 2 h on Monday.
    expect(workingMs(at('2026-03-27T15:00:00Z'), at('2026-03-30T08:00:00Z'), PARIS)).toBe(2 * HOUR);
    // Friday 23 October 16:00 CEST (14:00 UTC) to Monday 26 October 10:00 CET (09:00 UTC).
    expect(workingMs(at('2026-10-23T14:00:00Z'), at('2026-10-26T09:00:00Z'), PARIS)).toBe(2 * HOUR);
    // Around the clock, Sunday 29 March in Paris lasts 23 h, Sunday 25 October 25 h.
    const allDay: TeamClock = { timeZone: 'Europe/Paris', workingHours: { sun: [{ from: '00:00', to: '24:00' }] } };
    expect(workingMs(at('2026-03-28T00:00:00Z'), at('2026-03-31T00:00:00Z'), allDay)).toBe(23 * HOUR);
    expect(workingMs(at('2026-10-24T00:00:00Z'), at('2026-10-27T00:00:00Z'), allDay)).toBe(25 * HOUR);
  });

  it('reads a local time skipped or repeated by the change as PostgreSQL does', () => {
    const march29 = { year: 2026, month: 3, day: 29 };
    const october25 = { year: 2026, month: 10, day: 25 };
    // 02:30 does not exist on 29 March: the offset before the change (+01:00) applies.
    expect(zonedInstant(march29, 150, 'Europe/Paris')).toEqual(at('2026-03-29T01:30:00Z'));
    expect(zonedInstant(march29, 60, 'Europe/Paris')).toEqual(at('2026-03-29T00:00:00Z'));
    expect(zonedInstant(march29, 240, 'Europe/Paris')).toEqual(at('2026-03-29T02:00:00Z'));
    // 02:30 happens twice on 25 October: the offset after the change (+01:00) applies.
    expect(zonedInstant(october25, 150, 'Europe/Paris')).toEqual(at('2026-10-25T01:30:00Z'));
    expect(zonedInstant(october25, 1440, 'Europe/Paris')).toEqual(at('2026-10-25T23:00:00Z'));
  });

  it('is the wall-clock time when the team works around the clock', () => {
    const clock: TeamClock = { timeZone: 'America/New_York', workingHours: null };
    expect(workingMs(at('2026-03-07T12:00:00Z'), at('2026-03-09T12:00:00Z'), clock)).toBe(48 * HOUR);
    expect(workingMs(at('2026-03-09T12:00:00Z'), at('2026-03-07T12:00:00Z'), clock)).toBe(0);
  });
});

describe('customer turns', () => {
  it('starts a new wait when the customer writes after a reply, not while they already wait', () => {
    const timeline = {
      receivedAt: at('2026-03-02T10:00:00Z'),
      events: [
        ack('2026-03-02T10:00:00Z'),
        customer('2026-03-02T10:30:00Z'),
        reply('2026-03-02T11:00:00Z', ALICE),
        reply('2026-03-02T11:10:00Z', ALICE),
        customer('2026-03-03T09:00:00Z'),
        customer('2026-03-03T09:20:00Z'),
        reply('2026-03-03T10:00:00Z', BOB),
        customer('2026-03-04T08:00:00Z'),
      ],
    };
    const turns = customerTurns(timeline);
    expect(turns).toEqual([
      { startedAt: at('2026-03-02T10:00:00Z'), answeredAt: at('2026-03-02T11:00:00Z'), answeredBy: ALICE },
      { startedAt: at('2026-03-03T09:00:00Z'), answeredAt: at('2026-03-03T10:00:00Z'), answeredBy: BOB },
      { startedAt: at('2026-03-04T08:00:00Z'), answeredAt: null, answeredBy: null },
    ]);
    expect(turnAnswerTimes(turns)).toEqual([
      { startedAt: at('2026-03-02T10:00:00Z'), ms: HOUR, by: ALICE },
      { startedAt: at('2026-03-03T09:00:00Z'), ms: HOUR, by: BOB },
    ]);
    // Reopened: unanswered again, waiting since the customer's latest turn; the first reply stays.
    const facts = messageFacts(timeline);
    expect(facts.firstReplyBy).toBe(ALICE);
    expect(waitingSince(facts)).toEqual(at('2026-03-04T08:00:00Z'));
    expect(unansweredAgeMs(facts, at('2026-03-04T09:30:00Z'))).toBe(90 * MINUTE);
  });

  it('leaves spam out: a message in quarantine waits for nobody', () => {
    const events: StatsEvent[] = [
      ack('2026-03-02T10:00:00Z'),
      { type: 'marked_spam', at: at('2026-03-02T10:01:00Z'), actorId: ALICE },
    ];
    const spam = messageFacts({ receivedAt: at('2026-03-02T10:00:00Z'), events });
    expect(spam.spam).toBe(true);
    expect(waitingSince(spam)).toBeNull();
    const released = messageFacts({
      receivedAt: at('2026-03-02T10:00:00Z'),
      events: [...events, { type: 'unmarked_spam', at: at('2026-03-02T10:02:00Z'), actorId: ALICE }],
    });
    expect(released.spam).toBe(false);
    expect(waitingSince(released)).toEqual(at('2026-03-02T10:00:00Z'));
  });

  it('counts a message quarantined at arrival by its signals as spam until it is released', () => {
    const arrived = { receivedAt: at('2026-03-02T10:00:00Z'), quarantinedOnArrival: true };
    expect(messageFacts({ ...arrived, events: [ack('2026-03-02T10:00:00Z')] }).spam).toBe(true);
    const released = messageFacts({
      ...arrived,
      events: [ack('2026-03-02T10:00:00Z'), { type: 'unmarked_spam', at: at('2026-03-02T10:05:00Z'), actorId: ALICE }],
    });
    expect(released.spam).toBe(false);
    expect(waitingSince(released)).toEqual(at('2026-03-02T10:00:00Z'));
  });
});

describe('periods and rates', () => {
  it('cuts weeks at Monday midnight in the time zone asked for', () => {
    const weeks = weeksBetween(at('2026-03-25T12:00:00Z'), at('2026-04-01T00:00:00Z'), 'Europe/Paris');
    expect(weeks).toEqual([
      // Monday 23 March 00:00 CET, to Monday 30 March 00:00 CEST: a week of 167 hours.
      { start: at('2026-03-22T23:00:00Z'), end: at('2026-03-29T22:00:00Z') },
      { start: at('2026-03-29T22:00:00Z'), end: at('2026-04-05T22:00:00Z') },
    ]);
    expect(weeksBetween(at('2026-03-02T00:00:00Z'), at('2026-03-09T00:00:00Z'), 'UTC')).toHaveLength(1);
  });

  it('counts a message received at the edge in the week that starts there', () => {
    const [first, second] = weeksBetween(at('2026-03-23T00:00:00Z'), at('2026-04-06T00:00:00Z'), 'Europe/Paris');
    const messages = [
      { receivedAt: at('2026-03-29T21:59:59.999Z'), firstReplyAt: at('2026-03-30T08:00:00Z'), spam: false },
      { receivedAt: at('2026-03-29T22:00:00Z'), firstReplyAt: null, spam: false },
      { receivedAt: at('2026-03-30T09:00:00Z'), firstReplyAt: at('2026-03-30T10:00:00Z'), spam: false },
      { receivedAt: at('2026-03-30T09:00:00Z'), firstReplyAt: null, spam: true },
    ];
    expect(answerRate(messages, first!)).toEqual({ received: 1, answered: 1, rate: 1 });
    expect(answerRate(messages, second!)).toEqual({ received: 2, answered: 1, rate: 0.5 });
    expect(answerRate([], second!).rate).toBeNull();
  });

  it('takes the median and p90 by nearest rank', () => {
    expect(percentiles([5, 1, 4, 2, 3, 6, 7, 8, 9, 10])).toEqual({ median: 5, p90: 9 });
    expect(percentiles([7])).toEqual({ median: 7, p90: 7 });
    expect(percentiles([])).toEqual({ median: null, p90: null });
  });
});

describe('commitments', () => {
  const made = at('2026-03-02T10:00:00Z');
  it('is kept on time when fulfilled on its due day in the team time zone', () => {
    // 23:30 UTC on the 10th is already the 11th in Paris.
    const late = {
      dueOn: '2026-03-10',
      status: 'fulfilled' as const,
      createdAt: made,
      resolvedAt: at('2026-03-10T23:30:00Z'),
    };
    expect(commitmentOutcome(late, at('2026-03-20T00:00:00Z'), 'Europe/Paris')).toBe('kept_late');
    expect(commitmentOutcome(late, at('2026-03-20T00:00:00Z'), 'UTC')).toBe('kept_on_time');
  });

  it('is overdue once its due day is over, open until then', () => {
    const open = { dueOn: '2026-03-10', status: 'open' as const, createdAt: made, resolvedAt: null };
    expect(commitmentOutcome(open, at('2026-03-10T22:59:00Z'), 'Europe/Paris')).toBe('open');
    expect(commitmentOutcome(open, at('2026-03-10T23:00:00Z'), 'Europe/Paris')).toBe('overdue');
  });

  it('summarises the commitments made in a period with the kept-on-time rate', () => {
    const period = { start: at('2026-03-01T00:00:00Z'), end: at('2026-04-01T00:00:00Z') };
    const now = at('2026-03-20T12:00:00Z');
    const summary = commitmentSummary(
      [
        { dueOn: '2026-03-10', status: 'fulfilled', createdAt: made, resolvedAt: at('2026-03-09T10:00:00Z') },
        { dueOn: '2026-03-10', status: 'fulfilled', createdAt: made, resolvedAt: at('2026-03-12T10:00:00Z') },
        { dueOn: '2026-03-10', status: 'dropped', createdAt: made, resolvedAt: at('2026-03-05T10:00:00Z') },
        { dueOn: '2026-03-15', status: 'open', createdAt: made, resolvedAt: null },
        { dueOn: '2026-03-25', status: 'open', createdAt: made, resolvedAt: null },
        { dueOn: '2026-03-25', status: 'open', createdAt: at('2026-02-27T10:00:00Z'), resolvedAt: null },
      ],
      period,
      now,
      'UTC',
    );
    expect(summary).toEqual({
      made: 5,
      open: 1,
      overdue: 1,
      kept_on_time: 1,
      kept_late: 1,
      dropped: 1,
      keptOnTimeRate: 0.25,
    });
  });
});

describe('settings', () => {
  it('knows IANA time zone names, not offsets or nonsense', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('+01:00')).toBe(false);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('accepts working spans that end after they start', () => {
    expect(isWorkingSpan({ from: '09:00', to: '17:30' })).toBe(true);
    expect(isWorkingSpan({ from: '00:00', to: '24:00' })).toBe(true);
    expect(isWorkingSpan({ from: '17:00', to: '09:00' })).toBe(false);
    expect(isWorkingSpan({ from: '9:00', to: '17:00' })).toBe(false);
    expect(isWorkingSpan({ from: '09:00', to: '24:30' })).toBe(false);
  });
});
