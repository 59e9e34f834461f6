// How the dashboard's aggregate reads a period (stats.repo.ts): which of its times come from the
// rollup (migrations/0025: UTC days per team, UTC weeks per team and replier, for messages received
// before the horizon) and which from the facts themselves, and how a median or p90 is found in a
// histogram. Pure arithmetic, so that the plan is the same wherever it is made.
import { DAY_MS } from '@ecoute/shared/calendar';
import { weeksBetween, type Period } from '@ecoute/shared/stats';

const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, a Monday: UTC weeks start at this instant plus whole weeks. */
const A_MONDAY_MS = 4 * DAY_MS;

const floorTo = (at: number, unit: number, origin = 0) => origin + Math.floor((at - origin) / unit) * unit;
const ceilTo = (at: number, unit: number, origin = 0) => origin + Math.ceil((at - origin) / unit) * unit;

/** Facts read one by one, counted `sign` times (-1: what the rollup's days hold beyond the slice). */
export interface FactsRange extends Period {
  sign: 1 | -1;
}

/** One week of the period (cut at the period's ends), and where its numbers are read. */
export interface WeekSlice extends Period {
  /** The week's Monday 00:00 in the time zone (before the period's start for the first week). */
  weekStart: Date;
  /** The rollup's UTC days [fromDay, toDay), or null when none is read. */
  days: Period | null;
  facts: FactsRange[];
}

/** Where the period's numbers per replier are read: the rollup's whole UTC weeks, and the facts around them. */
export interface AgentsPlan {
  weeks: Period | null;
  facts: FactsRange[];
}

/**
 * The plan for [start, end) cut in weeks of `timeZone`, with the rollup sealed before `sealedBefore`
 * (null: read everything from the facts). A week's slice reads the rollup's UTC days within it; at
 * each end, the day the end falls in too when most of that day is inside, then taking away, fact by
 * fact, the hours outside (a week from Sunday 23:00 UTC reads that hour to take it away), else adding
 * the hours inside; what is not sealed yet is read from the facts.
 */
export function planPeriod(
  period: Period,
  timeZone: string,
  sealedBefore: Date | null,
): { slices: WeekSlice[]; agents: AgentsPlan } {
  const sealed = sealedBefore?.getTime() ?? -Infinity;
  const slices = weeksBetween(period.start, period.end, timeZone).map((week): WeekSlice => {
    const a = Math.max(week.start.getTime(), period.start.getTime());
    const b = Math.min(week.end.getTime(), period.end.getTime());
    // Each end takes the day it falls in when less than half of it lies outside (then taken away), else not.
    const fromDay = a - floorTo(a, DAY_MS) < DAY_MS / 2 ? floorTo(a, DAY_MS) : ceilTo(a, DAY_MS);
    const toDay = Math.min(ceilTo(b, DAY_MS) - b < DAY_MS / 2 ? ceilTo(b, DAY_MS) : floorTo(b, DAY_MS), sealed);
    const slice = { weekStart: week.start, start: new Date(a), end: new Date(b) };
    if (fromDay >= toDay) return { ...slice, days: null, facts: [{ start: new Date(a), end: new Date(b), sign: 1 }] };
    const facts: FactsRange[] = [];
    const range = (from: number, to: number, sign: 1 | -1) => {
      if (from < to) facts.push({ start: new Date(from), end: new Date(to), sign });
    };
    range(fromDay, a, -1);
    range(a, fromDay, 1);
    range(b, toDay, -1);
    range(toDay, b, 1);
    return { ...slice, days: { start: new Date(fromDay), end: new Date(toDay) }, facts };
  });

  const a = period.start.getTime();
  const b = period.end.getTime();
  const fromWeek = ceilTo(a, WEEK_MS, A_MONDAY_MS);
  const toWeek = floorTo(Math.min(b, sealed), WEEK_MS, A_MONDAY_MS);
  const agents: AgentsPlan =
    fromWeek < toWeek
      ? {
          weeks: { start: new Date(fromWeek), end: new Date(toWeek) },
          facts: [
            ...(a < fromWeek ? [{ start: period.start, end: new Date(fromWeek), sign: 1 as const }] : []),
            ...(toWeek < b ? [{ start: new Date(toWeek), end: period.end, sign: 1 as const }] : []),
          ],
        }
      : { weeks: null, facts: [{ start: period.start, end: period.end, sign: 1 }] };
  return { slices, agents };
}

/** stats_bucket's bucket of exactly 0 seconds (migrations/0025): its times need no lookup. */
export const ZERO_BUCKET = 1;

/** The histogram's bucket holding the value at `rank` (nearest rank, as percentile_disc), and its place in it. */
export function rankedBucket(
  histogram: Map<number, number>,
  fraction: number,
): { bucket: number; offset: number } | null {
  const buckets = [...histogram.entries()].filter(([, n]) => n > 0).sort(([x], [y]) => x - y);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  let left = Math.max(1, Math.ceil(fraction * total));
  for (const [bucket, n] of buckets) {
    if (left <= n) return { bucket, offset: left - 1 };
    left -= n;
  }
  throw new Error('unreachable: the rank is within the total');
}
