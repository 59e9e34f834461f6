// Customer Day's plain values, apart from its TypeBox schemas so that the SPA can import them for free.

/** The tags the report reads: compliments, and customers who told us they are leaving. */
export const PRAISE_TAG = 'praise';
export const LOST_CUSTOMER_TAG = 'lost-customer';

export const CUSTOMER_DAY_LIMITS = {
  /** A manager's note on a pinned verbatim. */
  pinNote: 1_000,
  /** Past Customer Days the list shows (two years). */
  pastDays: 8,
  /** Compliments and lost customers listed by their words in a report (all are counted). */
  listedMessages: 100,
  /** How much of a compliment's or lost customer's words the report lists. */
  excerpt: 400,
} as const;
