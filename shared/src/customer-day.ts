// Customer Day: the third Thursday of January, April, July and October, when managers review what
// customers said since the previous one. Dates are calendar days (`YYYY-MM-DD`), read in UTC.
import { DAY_MS, utcDay } from './calendar.ts';

const CUSTOMER_DAY_MONTHS = [0, 3, 6, 9] as const;
const THURSDAY = 4;

/** A calendar day as `YYYY-MM-DD`. */
export type CalendarDay = string;

/** What one Customer Day's report covers: from the day after the previous Customer Day to this one, inclusive. */
export interface CustomerDayPeriod {
  date: CalendarDay;
  previous: CalendarDay;
  /** First instant covered (the start of the day after the previous Customer Day, UTC). */
  from: Date;
  /** First instant no longer covered (the start of the day after this Customer Day, UTC). */
  until: Date;
}

const startOfDay = (day: CalendarDay): Date => new Date(`${day}T00:00:00.000Z`);

/** The third Thursday of a month (`month` 0–11), as a calendar day. */
export function thirdThursday(year: number, month: number): CalendarDay {
  const first = new Date(Date.UTC(year, month, 1));
  const firstThursday = 1 + ((THURSDAY - first.getUTCDay() + 7) % 7);
  return utcDay(new Date(Date.UTC(year, month, firstThursday + 14)));
}

/** The Customer Days of one year, in order. */
export function customerDaysOf(year: number): CalendarDay[] {
  return CUSTOMER_DAY_MONTHS.map((month) => thirdThursday(year, month));
}

/** Whether `day` (`YYYY-MM-DD`) is a Customer Day. */
export function isCustomerDay(day: CalendarDay): boolean {
  const year = Number(day.slice(0, 4));
  return Number.isInteger(year) && customerDaysOf(year).includes(day);
}

/** The first Customer Day on or after `now`'s calendar day (UTC). */
export function nextCustomerDay(now: Date): CalendarDay {
  const today = utcDay(now);
  const year = now.getUTCFullYear();
  return [...customerDaysOf(year), ...customerDaysOf(year + 1)].find((day) => day >= today)!;
}

/** The last Customer Day strictly before `day`. */
export function previousCustomerDay(day: CalendarDay): CalendarDay {
  const year = Number(day.slice(0, 4));
  return [...customerDaysOf(year - 1), ...customerDaysOf(year)].filter((d) => d < day).at(-1)!;
}

/** The Customer Days strictly before `now`'s calendar day, newest first, at most `count`. */
export function pastCustomerDays(now: Date, count: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  let day = utcDay(now);
  while (days.length < count) {
    day = previousCustomerDay(day);
    days.push(day);
  }
  return days;
}

/** The period a Customer Day's report covers. */
export function customerDayPeriod(date: CalendarDay): CustomerDayPeriod {
  const previous = previousCustomerDay(date);
  return {
    date,
    previous,
    from: new Date(startOfDay(previous).getTime() + DAY_MS),
    until: new Date(startOfDay(date).getTime() + DAY_MS),
  };
}

/** The day a week before a Customer Day, when managers are reminded of it. */
export function reminderDay(date: CalendarDay): CalendarDay {
  return utcDay(new Date(startOfDay(date).getTime() - 7 * DAY_MS));
}
