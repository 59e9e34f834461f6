import { describe, expect, it } from 'vitest';
import { percentiles } from '@ecoute/shared/stats';
import { planPeriod, rankedBucket } from './stats-plan.ts';

const at = (iso: string) => new Date(iso);
const spans = (ranges: Array<{ start: Date; end: Date; sign?: number }>) =>
  ranges.map((range) => `${range.sign === -1 ? '-' : '+'}${range.start.toISOString()}/${range.end.toISOString()}`);

describe('planPeriod', () => {
  // Two weeks of Paris (UTC+1 in November): weeks start on Sunday 23:00 UTC.
  const period = { start: at('2026-11-15T23:00:00Z'), end: at('2026-11-29T23:00:00Z') };

  it('reads sealed UTC days per week, with the hour of Sunday that starts it, less the hour that ends it', () => {
    const { slices } = planPeriod(period, 'Europe/Paris', at('2026-12-01T00:00:00Z'));
    expect(slices).toHaveLength(2);
    expect(slices[0]!.days).toEqual({ start: at('2026-11-16T00:00:00Z'), end: at('2026-11-23T00:00:00Z') });
    expect(spans(slices[0]!.facts)).toEqual([
      '+2026-11-15T23:00:00.000Z/2026-11-16T00:00:00.000Z',
      '-2026-11-22T23:00:00.000Z/2026-11-23T00:00:00.000Z',
    ]);
  });

  it('takes a day whole when most of it is inside the week, else adds the hours inside', () => {
    // Kolkata is UTC+5:30: its weeks run from Sunday 18:30 UTC, most of that Sunday in the week before.
    const kolkata = { start: at('2026-11-15T18:30:00Z'), end: at('2026-11-22T18:30:00Z') };
    const [week] = planPeriod(kolkata, 'Asia/Kolkata', at('2026-12-01T00:00:00Z')).slices;
    expect(week!.days).toEqual({ start: at('2026-11-16T00:00:00Z'), end: at('2026-11-23T00:00:00Z') });
    expect(spans(week!.facts)).toEqual([
      '+2026-11-15T18:30:00.000Z/2026-11-16T00:00:00.000Z',
      '-2026-11-22T18:30:00.000Z/2026-11-23T00:00:00.000Z',
    ]);
  });

  it('reads what is not sealed yet from the facts, and everything when nothing is sealed', () => {
    const { slices, agents } = planPeriod(period, 'Europe/Paris', at('2026-11-25T00:00:00Z'));
    expect(slices[1]!.days).toEqual({ start: at('2026-11-23T00:00:00Z'), end: at('2026-11-25T00:00:00Z') });
    expect(spans(slices[1]!.facts)).toEqual([
      '+2026-11-22T23:00:00.000Z/2026-11-23T00:00:00.000Z',
      '+2026-11-25T00:00:00.000Z/2026-11-29T23:00:00.000Z',
    ]);
    // The repliers' whole UTC weeks (from Monday) before the horizon, the rest from the facts.
    expect(agents.weeks).toEqual({ start: at('2026-11-16T00:00:00Z'), end: at('2026-11-23T00:00:00Z') });
    expect(spans(agents.facts)).toEqual([
      '+2026-11-15T23:00:00.000Z/2026-11-16T00:00:00.000Z',
      '+2026-11-23T00:00:00.000Z/2026-11-29T23:00:00.000Z',
    ]);
    const unsealed = planPeriod(period, 'Europe/Paris', null);
    expect(unsealed.slices.every((slice) => slice.days === null && slice.facts.length === 1)).toBe(true);
    expect(unsealed.agents).toEqual({ weeks: null, facts: [{ ...period, sign: 1 }] });
  });
});

describe('rankedBucket', () => {
  it('finds the nearest rank, as the shared percentiles do', () => {
    const values = [3, 3, 5, 8, 8, 8, 13, 21, 34, 55, 89];
    const bucketOf = (value: number) => Math.floor(Math.log2(value));
    const histogram = new Map<number, number>();
    for (const value of values) histogram.set(bucketOf(value), (histogram.get(bucketOf(value)) ?? 0) + 1);
    const { median, p90 } = percentiles(values);
    for (const [fraction, expected] of [
      [0.5, median],
      [0.9, p90],
    ] as const) {
      const ranked = rankedBucket(histogram, fraction)!;
      const inBucket = values.filter((value) => bucketOf(value) === ranked.bucket).sort((a, b) => a - b);
      expect(inBucket[ranked.offset]).toBe(expected);
    }
    expect(rankedBucket(new Map(), 0.5)).toBeNull();
    expect(rankedBucket(new Map([[4, 0]]), 0.5)).toBeNull();
  });
});
