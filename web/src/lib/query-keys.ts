// The roots of every query key. Features build their keys under these roots and invalidate whole
// roots after a change, so that a reply sent from the message page also refreshes the inbox counts
// and the commitments page without one feature importing another.
export const queryRoots = {
  session: ['session'],
  /** Lists, counts and details of messages: a change to one message can change any of them. */
  messages: ['messages'],
  commitments: ['commitments'],
  tags: ['tags'],
  templates: ['templates'],
  forms: ['forms'],
  users: ['users'],
  teams: ['teams'],
  routingRules: ['routing-rules'],
  /** Inbound mail: the unmatched list and each mail read from it. */
  inboundMails: ['inbound-mails'],
  /** The Outbox's lists: a retried email leaves `failed` for `waiting`. */
  outbox: ['outbox'],
  /** The customers' own words, per period. */
  words: ['words'],
  /** Who else is on which message (heartbeats). */
  presence: ['presence'],
  /** Customer Days: the list, reports, share links and pins. */
  customerDays: ['customer-days'],
  /** The weekly digest's subscribers. */
  digests: ['digests'],
} as const;
