// The few runtime values of @ecoute/shared/agent-contract that the SPA needs. That module also
// builds the TypeBox schemas, about 20 KB gzipped we would ship for a handful of constants, so the
// values are repeated here and typed against the originals: if one changes there, this file no
// longer compiles.
import type { AGENT_LIMITS, MESSAGE_VIEWS, Role } from '@ecoute/shared/agent-contract';

export const LIMITS: typeof AGENT_LIMITS = {
  password: { min: 12, max: 200 },
  userName: 80,
  reply: 10_000,
  note: 5_000,
  commitment: 500,
  commitmentsPerReply: 10,
  resolution: 2_000,
  tag: 40,
  tagsPerMessage: 20,
  templateName: 100,
  template: 10_000,
  query: 200,
};

export const VIEWS: typeof MESSAGE_VIEWS = [
  'unanswered',
  'mine',
  'commitments_due',
  'overdue',
  'closed',
  'spam',
  'all',
];

/** Each role includes the one before (the order of ROLES in the contract). */
export const ROLES = ['agent', 'manager', 'admin'] as const satisfies readonly Role[];
type Assert<T extends true> = T;
type _EveryRole = Assert<[Exclude<Role, (typeof ROLES)[number]>] extends [never] ? true : false>;

export const hasRole = (role: Role, needed: Role) => ROLES.indexOf(role) >= ROLES.indexOf(needed);

/** Same pattern as the contract's TagsInputSchema. */
export const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;
