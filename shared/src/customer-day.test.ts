import { describe, expect, it } from 'vitest';
import {
  customerDayPeriod,
  customerDaysOf,
  isCustomerDay,
  nextCustomerDay,
  pastCustomerDays,
  previousCustomerDay,
  reminderDay,
  thirdThursday,
} from './customer-day.ts';

describe('Customer Day dates', () => {
  it('is the third Thursday of January, April, July and October, over several years', () => {
    // Checked against a calendar.
    expect(customerDaysOf(2024)).toEqual(['2024-01-18', '2024-04-18', '2024-07-18', '2024-10-17']);
    expect(customerDaysOf(2025)).toEqual(['2025-01-16', '2025-04-17', '2025-07-17', '2025-10-16']);
    expect(customerDaysOf(2026)).toEqual(['2026-01-15', '2026-04-16', '2026-07-16', '2026-10-15']);
    expect(customerDaysOf(2027)).toEqual(['2027-01-21', '2027-04-15', '2027-07-15', '2027-10-21']);
    expect(customerDaysOf(2028)).toEqual(['2028-01-20', '2028-04-20', '2028-07-20', '2028-10-19']);
  });

  it('every computed day is a Thursday between the 15th and the 21st', () => {
    for (let year = 2000; year <= 2100; year++) {
      for (let month = 0; month < 12; month++) {
        const day = new Date(`${thirdThursday(year, month)}T00:00:00Z`);
        expect(day.getUTCDay()).toBe(4);
        expect(day.getUTCDate()).toBeGreaterThanOrEqual(15);
        expect(day.getUTCDate()).toBeLessThanOrEqual(21);
        expect(day.getUTCMonth()).toBe(month);
      }
    }
  });

  it('knows a Customer Day from another day', () => {
    expect(isCustomerDay('2026-10-15')).toBe(true);
    expect(isCustomerDay('2026-10-22')).toBe(false);
    expect(isCustomerDay('2026-11-19')).toBe(false);
    expect(isCustomerDay('not-a-date')).toBe(false);
  });

  it('the next one is today on the day itself, then the following one, across years', () => {
    expect(nextCustomerDay(new Date('2026-10-15T23:59:00Z'))).toBe('2026-10-15');
    expect(nextCustomerDay(new Date('2026-10-16T00:00:00Z'))).toBe('2027-01-21');
    expect(nextCustomerDay(new Date('2026-12-02T11:00:00Z'))).toBe('2027-01-21');
    expect(nextCustomerDay(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01-21');
  });

  it('lists past ones newest first, across years', () => {
    expect(pastCustomerDays(new Date('2026-12-02T11:00:00Z'), 5)).toEqual([
      '2026-10-15',
      '2026-07-16',
      '2026-04-16',
      '2026-01-15',
      '2025-10-16',
    ]);
    expect(pastCustomerDays(new Date('2026-10-15T08:00:00Z'), 1)).toEqual(['2026-07-16']);
    expect(previousCustomerDay('2026-01-15')).toBe('2025-10-16');
  });

  it('a report covers the time since the previous Customer Day up to the end of this one', () => {
    const period = customerDayPeriod('2026-01-15');
    expect(period.previous).toBe('2025-10-16');
    expect(period.from.toISOString()).toBe('2025-10-17T00:00:00.000Z');
    expect(period.until.toISOString()).toBe('2026-01-16T00:00:00.000Z');
    // Consecutive periods touch without overlap.
    expect(customerDayPeriod('2026-04-16').from).toEqual(period.until);
  });

  it('the reminder is a week before', () => {
    expect(reminderDay('2026-01-15')).toBe('2026-01-08');
    expect(reminderDay('2027-01-21')).toBe('2027-01-14');
  });
});
