// The dashboard's numbers, defined once: pure functions over a message's timeline and its
// commitments. The database keeps the same facts at write time (migrations/0014); a test compares
// every stored fact with these definitions, and the README explains them in words.
import type { CommitmentStatus } from './statuses.ts';
import type { TimelineType } from './timeline-events.ts';

/** The days of the week, Monday first, as working hours name them. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `HH:MM` in the team's time zone, from 00:00 to 24:00; a span ends after it starts. */
export interface WorkingSpan {
  from: string;
  to: string;
}

/** A team's working hours per day (a day left out or empty: not worked); null: around the clock. */
export type WorkingHours = Partial<Record<Weekday, WorkingSpan[]>>;

/** The clock a team's targets are measured with. */
export interface TeamClock {
  /** An IANA time zone name (`Europe/Paris`). */
  timeZone: string;
  workingHours: WorkingHours | null;
}

export const AROUND_THE_CLOCK: TeamClock = { timeZone: 'UTC', workingHours: null };

/** What the definitions read of a timeline event: its type, when, and who acted. */
export interface StatsEvent {
  type: TimelineType;
  at: Date;
  /** The agent who acted; null for the customer and the system. */
  actorId: string | null;
}

/** A message as the definitions read it: when it was received and its events, in any order. */
export interface MessageTimeline {
  receivedAt: Date;
  events: StatsEvent[];
  /** Put in quarantine as it arrived, by its spam signals (no event says so). */
  quarantinedOnArrival?: boolean;
}

/** One wait of the customer: from their words to the reply that answered them. */
export interface CustomerTurn {
  startedAt: Date;
  answeredAt: Date | null;
  /** The agent who wrote the answering reply (not the assignee). */
  answeredBy: string | null;
}

/** The facts of one message, as the database stores them (message_facts). */
export interface MessageFacts {
  receivedAt: Date;
  acknowledgedAt: Date | null;
  firstReplyAt: Date | null;
  /** The agent who wrote the first reply: first-reply times are credited to them. */
  firstReplyBy: string | null;
  /** Milliseconds from received to acknowledged, and to the first reply, in the team's working time. */
  workingMsToAcknowledge: number | null;
  workingMsToFirstReply: number | null;
  /** In quarantine now: left out of every number. */
  spam: boolean;
  turns: CustomerTurn[];
}

const byTime = (a: StatsEvent, b: StatsEvent) => a.at.getTime() - b.at.getTime();

/** Whether the message is in quarantine: the last spam event decides; before any, how it arrived. */
export function isSpam(events: StatsEvent[], quarantinedOnArrival = false): boolean {
  let spam = quarantinedOnArrival;
  for (const event of [...events].sort(byTime)) {
    if (event.type === 'marked_spam') spam = true;
    if (event.type === 'unmarked_spam') spam = false;
  }
  return spam;
}

/**
 * The customer's waits: the message starts the first; words written while they already wait join
 * that wait; words written after a reply start a new one. A reply answers the wait it follows.
 */
export function customerTurns(timeline: MessageTimeline): CustomerTurn[] {
  const turns: CustomerTurn[] = [{ startedAt: timeline.receivedAt, answeredAt: null, answeredBy: null }];
  for (const event of [...timeline.events].sort(byTime)) {
    const current = turns[turns.length - 1]!;
    if (event.type === 'customer_message' && current.answeredAt) {
      turns.push({ startedAt: event.at, answeredAt: null, answeredBy: null });
    } else if (event.type === 'reply' && !current.answeredAt) {
      current.answeredAt = event.at;
      current.answeredBy = event.actorId;
    }
  }
  return turns;
}

export function messageFacts(timeline: MessageTimeline, clock: TeamClock = AROUND_THE_CLOCK): MessageFacts {
  const events = [...timeline.events].sort(byTime);
  const acknowledged = events.find((event) => event.type === 'acknowledged');
  const firstReply = events.find((event) => event.type === 'reply');
  const { receivedAt } = timeline;
  return {
    receivedAt,
    acknowledgedAt: acknowledged?.at ?? null,
    firstReplyAt: firstReply?.at ?? null,
    firstReplyBy: firstReply?.actorId ?? null,
    workingMsToAcknowledge: acknowledged ? workingMs(receivedAt, acknowledged.at, clock) : null,
    workingMsToFirstReply: firstReply ? workingMs(receivedAt, firstReply.at, clock) : null,
    spam: isSpam(events, timeline.quarantinedOnArrival),
    turns: customerTurns(timeline),
  };
}

/** Answered: an agent has replied since the customer last wrote. Unanswered messages wait since then. */
export function waitingSince(facts: Pick<MessageFacts, 'turns' | 'spam'>): Date | null {
  const last = facts.turns[facts.turns.length - 1];
  return facts.spam || !last || last.answeredAt ? null : last.startedAt;
}

/** How long an unanswered message has waited at `now`, on the wall clock (what the customer lives). */
export function unansweredAgeMs(facts: Pick<MessageFacts, 'turns' | 'spam'>, now: Date): number | null {
  const since = waitingSince(facts);
  return since ? now.getTime() - since.getTime() : null;
}

/** Each answered turn's wait in working time, credited to the agent who wrote the answer. */
export function turnAnswerTimes(
  turns: CustomerTurn[],
  clock: TeamClock = AROUND_THE_CLOCK,
): Array<{ startedAt: Date; ms: number; by: string | null }> {
  return turns.flatMap((turn) =>
    turn.answeredAt
      ? [{ startedAt: turn.startedAt, ms: workingMs(turn.startedAt, turn.answeredAt, clock), by: turn.answeredBy }]
      : [],
  );
}

// --- Time zones, with Intl only -------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** Whether `name` is an IANA time zone name the runtime knows (`Europe/Paris`, `UTC`), not an offset. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** A local calendar day. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The wall-clock reading of `at` in `timeZone`, as if it were UTC (milliseconds). */
function localMs(at: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
    at.getUTCMilliseconds(),
  );
}

/** The local day `at` falls on in `timeZone`. */
export function localDate(at: Date, timeZone: string): LocalDate {
  const local = new Date(localMs(at, timeZone));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** `YYYY-MM-DD` of the local day. */
export function isoDate({ year, month, day }: LocalDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The instant a local time names in `timeZone` (`minutes` from the day's midnight, 1440 is the next
 * midnight), read as PostgreSQL reads it: a time skipped by a daylight-saving change with the offset
 * before the change, a time repeated by it with the offset after.
 */
export function zonedInstant(date: LocalDate, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  const offsetAt = (instant: number) => localMs(new Date(instant), timeZone) - instant;
  // Offsets change at most a few times a year: the ones a day either side are those in play.
  const before = offsetAt(wall - 86_400_000);
  const after = offsetAt(wall + 86_400_000);
  // A time repeated by the change reads with the offset after it; a skipped one, before it.
  if (before !== after && localMs(new Date(wall - after), timeZone) === wall) return new Date(wall - after);
  return new Date(wall - before);
}

function addDays({ year, month, day }: LocalDate, days: number): LocalDate {
  const next = new Date(Date.UTC(year, month - 1, day + days));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function weekdayOf({ year, month, day }: LocalDate): Weekday {
  return WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7]!;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/** Whether the spans are `HH:MM` times from 00:00 to 24:00, each ending after it starts. */
export function isWorkingSpan(span: WorkingSpan): boolean {
  const time = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
  return time.test(span.from) && time.test(span.to) && minutesOf(span.from) < minutesOf(span.to);
}

/**
 * The working time between two instants, in milliseconds: the wall-clock time when the team works
 * around the clock, otherwise only the part inside its working hours, read in its time zone (a
 * working day shortened or lengthened by a daylight-saving change counts what it really lasted).
 */
export function workingMs(start: Date, stop: Date, clock: TeamClock): number {
  if (stop.getTime() <= start.getTime()) return 0;
  if (!clock.workingHours) return stop.getTime() - start.getTime();
  const last = isoDate(localDate(stop, clock.timeZone));
  let total = 0;
  for (let day = localDate(start, clock.timeZone); isoDate(day) <= last; day = addDays(day, 1)) {
    for (const span of clock.workingHours[weekdayOf(day)] ?? []) {
      const from = Math.max(zonedInstant(day, minutesOf(span.from), clock.timeZone).getTime(), start.getTime());
      const to = Math.min(zonedInstant(day, minutesOf(span.to), clock.timeZone).getTime(), stop.getTime());
      if (to > from) total += to - from;
    }
  }
  return total;
}

/**
 * The inbox's drill-down filters: every number on the dashboard links to the inbox with these, and
 * the inbox then lists exactly its messages (their schemas: agent-contract's STATS_FILTERS).
 */
export const STATS_FILTER_NAMES = [
  'receivedFrom',
  'receivedBefore',
  'answered',
  'firstReplyBy',
  'handledBy',
  'breached',
  'waitingFrom',
  'waitingBefore',
  'commitment',
  'ownerId',
  'dueFrom',
  'dueTo',
  'madeFrom',
  'madeBefore',
] as const;
export type StatsFilterName = (typeof STATS_FILTER_NAMES)[number];

// --- Periods ----------------------------------------------------------------------------------

/** A period: from its start (included) to its end (excluded). */
export interface Period {
  start: Date;
  end: Date;
}

/** The weeks (Monday 00:00 to Monday 00:00 in `timeZone`) that meet [from, to). */
export function weeksBetween(from: Date, to: Date, timeZone: string): Period[] {
  const first = localDate(from, timeZone);
  let monday = addDays(first, -WEEKDAYS.indexOf(weekdayOf(first)));
  const weeks: Period[] = [];
  for (;;) {
    const start = zonedInstant(monday, 0, timeZone);
    if (start.getTime() >= to.getTime()) return weeks;
    monday = addDays(monday, 7);
    weeks.push({ start, end: zonedInstant(monday, 0, timeZone) });
  }
}

/** Whether `at` falls in the period (the start counts, the end belongs to the next one). */
export function inPeriod(at: Date, period: Period): boolean {
  return at.getTime() >= period.start.getTime() && at.getTime() < period.end.getTime();
}

/**
 * The answer rate of a period: among the messages received in it (spam left out), the share that
 * have had a reply (at any time until now). Null when none was received.
 */
export function answerRate(
  messages: Array<Pick<MessageFacts, 'receivedAt' | 'firstReplyAt' | 'spam'>>,
  period: Period,
): { received: number; answered: number; rate: number | null } {
  const received = messages.filter((message) => !message.spam && inPeriod(message.receivedAt, period));
  const answered = received.filter((message) => message.firstReplyAt !== null).length;
  return { received: received.length, answered, rate: received.length ? answered / received.length : null };
}

/** The median and 90th percentile, nearest rank (always one of the values); null for none. */
export function percentiles(values: number[]): { median: number | null; p90: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => (sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]! : null);
  return { median: rank(0.5), p90: rank(0.9) };
}

// --- Commitments ------------------------------------------------------------------------------

export interface CommitmentRecord {
  /** The due day, `YYYY-MM-DD`, a day in the team's time zone. */
  dueOn: string;
  status: CommitmentStatus;
  createdAt: Date;
  resolvedAt: Date | null;
}

export const COMMITMENT_OUTCOMES = ['open', 'overdue', 'kept_on_time', 'kept_late', 'dropped'] as const;
export type CommitmentOutcome = (typeof COMMITMENT_OUTCOMES)[number];

/**
 * Where a commitment stands at `now`: kept on time when fulfilled on or before its due day (in the
 * team's time zone), kept late after it; overdue when still open after its due day.
 */
export function commitmentOutcome(commitment: CommitmentRecord, now: Date, timeZone: string): CommitmentOutcome {
  switch (commitment.status) {
    case 'dropped':
      return 'dropped';
    case 'fulfilled':
      return commitment.resolvedAt && isoDate(localDate(commitment.resolvedAt, timeZone)) > commitment.dueOn
        ? 'kept_late'
        : 'kept_on_time';
    case 'open':
      return isoDate(localDate(now, timeZone)) > commitment.dueOn ? 'overdue' : 'open';
  }
}

/**
 * The commitments made in a period and where they stand; the kept-on-time rate is the share kept on
 * time among those that are settled or should be (kept, dropped, overdue). Null when there are none.
 */
export function commitmentSummary(
  commitments: CommitmentRecord[],
  period: Period,
  now: Date,
  timeZone: string,
): Record<CommitmentOutcome, number> & { made: number; keptOnTimeRate: number | null } {
  const counts: Record<CommitmentOutcome, number> = { open: 0, overdue: 0, kept_on_time: 0, kept_late: 0, dropped: 0 };
  const made = commitments.filter((commitment) => inPeriod(commitment.createdAt, period));
  for (const commitment of made) counts[commitmentOutcome(commitment, now, timeZone)] += 1;
  const due = made.length - counts.open;
  return { ...counts, made: made.length, keptOnTimeRate: due ? counts.kept_on_time / due : null };
}
