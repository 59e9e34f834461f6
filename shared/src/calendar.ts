// Calendar days (`YYYY-MM-DD`, read in UTC) as numbers one apart, for the arithmetic periods need.

export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC); NaN for what is not a day. */
export const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** The day (UTC) `date` falls on, as `YYYY-MM-DD`. */
export const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/** The day `n` days after 1970-01-01, as `YYYY-MM-DD`. */
export const dayOf = (n: number) => utcDay(new Date(n * DAY_MS));
