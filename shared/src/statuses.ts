// The statuses Ecoute keeps, each declared once: the drizzle schema, the API schemas, the server and
// the SPA take them from here. Plain values (no TypeBox), so that the SPA can import them for free.

/** Where a message stands in its lifecycle (lifecycle.ts moves it from one to the next). */
export const MESSAGE_STATUSES = ['unanswered', 'committed', 'closed', 'spam'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** A commitment is open until it is kept (fulfilled) or dropped, with what was done or why not. */
export const COMMITMENT_STATUSES = ['open', 'fulfilled', 'dropped'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/** Who sees a timeline event: `public` reaches the customer's tracking page, `internal` never does. */
export const VISIBILITIES = ['public', 'internal'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
