// What an action on a message can refuse, in the domain's words. The error plugin
// (plugins/app/errors.ts) alone decides what each kind is on the wire; callers that are not HTTP
// (a job, an inbound email, a routing rule) read `kind`.
import type { AgentTimelineEvent } from '@ecoute/shared/agent-contract';

export type DomainErrorKind =
  /** The message, commitment or form does not exist. */
  | 'not_found'
  /** The input is wrong in a way its schema cannot say (a due date, a user who left). */
  | 'invalid_input'
  /** The message's (or commitment's) status does not allow the action. */
  | 'invalid_transition'
  /** Another row holds what was asked for, or depends on what would change (a form's key, its messages). */
  | 'conflict'
  /** An idempotency key sent again with other content: it already stands for something else. */
  | 'idempotency_key_reused'
  /** The conversation moved on since the actor last read it (`changes` says how): nothing was done. */
  | 'conversation_changed';

/** What a refusal tells besides its message, as the contract's error body names it. */
export interface DomainErrorDetails {
  /** What is wrong with each input field. */
  fields?: Record<string, string>;
  /** The events that changed the conversation. */
  changes?: AgentTimelineEvent[];
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine-readable code, the contract's `error.code`. */
    readonly code: string,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
