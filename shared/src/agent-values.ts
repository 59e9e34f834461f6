// The agent API's plain values (roles, views, limits, tag pattern), apart from its TypeBox schemas so
// that the SPA can import them without shipping the schema library.
import { LIMITS } from './limits.ts';

export const AGENT_LIMITS = {
  password: { min: 12, max: 200 },
  userName: 80,
  reply: LIMITS.body,
  note: 5_000,
  commitment: 500,
  commitmentsPerReply: 10,
  /** A commitment is due from today to this many days ahead (five years). */
  dueWithinDays: 5 * 365,
  resolution: 2_000,
  tag: 40,
  tagsPerMessage: 20,
  templateName: 100,
  template: LIMITS.body,
  query: 200,
  /** Search ranks the newest this many matches (server/src/db/inbox.repo.ts says why). */
  searchResults: 500,
  moveReason: 1_000,
  teamName: 80,
  /** A first-reply target of at most 30 days. */
  firstReplyTargetMinutes: 30 * 24 * 60,
  ruleName: 100,
  rulePhrase: 200,
  ruleValues: 50,
  ruleConditions: 20,
  /** The preview runs a rule against this many of the newest messages. */
  previewMessages: 1_000,
} as const;

/** Each role includes the one before. */
export const ROLES = ['agent', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const hasRole = (role: Role, needed: Role) => ROLES.indexOf(role) >= ROLES.indexOf(needed);

export const MESSAGE_VIEWS = [
  'unanswered',
  'mine',
  'team',
  'commitments_due',
  'overdue',
  'closed',
  'spam',
  'all',
] as const;
export type MessageView = (typeof MESSAGE_VIEWS)[number];

/** What an agent on a message is doing, as colleagues see it: reading it, or writing a reply. */
export const PRESENCE_STATES = ['viewing', 'writing'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/** The Outbox's tabs: what waits (held, queued, retrying), what failed, what was sent. */
export const OUTBOX_VIEWS = ['waiting', 'failed', 'sent'] as const;
export type OutboxView = (typeof OUTBOX_VIEWS)[number];

/** A tag: letters, digits, `_` and `-`, starting with a letter or digit. */
export const TAG_PATTERN = '^[\\p{L}\\p{N}][\\p{L}\\p{N}_-]*$';

/**
 * Tags are kept in lower case, composed (NFC). `İ` lowers to `i` plus a combining dot, which is not
 * a letter: it becomes a plain `i`, so that `İstanbul` is the tag `istanbul`.
 */
export const normalizeTag = (tag: string) =>
  tag.normalize('NFC').toLowerCase().replaceAll('i\u0307', 'i').normalize('NFC');
