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

/** Whether Ecoute writes to a message's customer: `off` by their choice, `bouncing` after a bounce. */
export const CUSTOMER_EMAIL_STATES = ['on', 'off', 'bouncing'] as const;
export type CustomerEmailState = (typeof CUSTOMER_EMAIL_STATES)[number];

/** What an email Ecoute writes is about; the first four go to the customer, the others to the team. */
export const EMAIL_KINDS = [
  'acknowledgement',
  'reply',
  'commitment_kept',
  'commitment_dropped',
  'commitment_due',
  'commitment_overdue',
  'unanswered',
  'digest',
  'customer_day_reminder',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/**
 * Where an email stands: `held` waits for a mail server to be configured, `retrying` failed for a
 * reason that may pass, `failed` will not be tried again unless someone asks, `suppressed` was not
 * sent because the recipient asked for no emails, bounces, or had too many this hour.
 */
export const EMAIL_STATES = ['queued', 'held', 'retrying', 'sent', 'failed', 'suppressed'] as const;
export type EmailState = (typeof EMAIL_STATES)[number];
