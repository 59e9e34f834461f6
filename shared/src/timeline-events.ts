// Timeline events, declared once: each type, the words (`body`) and facts (`data`) it carries, and
// whether the customer sees it. The stored rows, the agent timeline and the tracking page's schemas
// derive from TIMELINE_EVENTS; every place that turns an event into something switches over
// TimelineEventData without a `default:`, so a new type must be placed on each audience deliberately.
import { Type, type Static, type TSchema } from 'typebox';
import { MailAttachmentSchema } from './inbound-mail.ts';
import { LOCALES } from './locale.ts';
import { CUSTOMER_EMAIL_STATES, EMAIL_KINDS, EMAIL_STATES, type Visibility } from './statuses.ts';

const Nothing = Type.Object({});
const Words = Type.String();
const NoWords = Type.Null();
const MaybeWords = Type.Union([Type.String(), Type.Null()]);
const InboundMailId = Type.String({ format: 'uuid' });
const NullableId = Type.Union([Type.String({ format: 'uuid' }), Type.Null()]);

/** Why a rule matched: shared/src/routing.ts's RoutingReason. */
export const RoutingReasonSchema = Type.Union([
  Type.Object({ kind: Type.Literal('form'), formId: Type.String({ format: 'uuid' }) }),
  Type.Object({ kind: Type.Literal('language'), locale: Type.Enum(LOCALES) }),
  Type.Object({ kind: Type.Literal('words'), phrase: Type.String() }),
  Type.Object({ kind: Type.Literal('email_domain'), domain: Type.String() }),
  Type.Object({ kind: Type.Literal('returning_customer') }),
]);

function event<V extends Visibility, B extends TSchema, D extends TSchema>(visibility: V, body: B, data: D) {
  return { visibility, body, data };
}

export const TIMELINE_EVENTS = {
  /**
   * The automatic acknowledgement, first on every timeline, rendered in the customer's language: from
   * the form's own words as they were when the message came (`body`, with placeholders), or Ecoute's (null).
   */
  acknowledged: event('public', Type.Union([Words, NoWords]), Nothing),
  /**
   * The customer wrote again (the first words are the message itself): on the tracking page, or by
   * email (`inboundMailId`, the stored mail agents can open, with the attachments it carried).
   */
  customer_message: event(
    'public',
    Words,
    Type.Object({
      inboundMailId: Type.Optional(InboundMailId),
      attachments: Type.Optional(Type.Array(MailAttachmentSchema)),
    }),
  ),
  /** An agent's reply; the commitments it made point back to it. */
  reply: event('public', Words, Nothing),
  /** A commitment kept: `body` says what was done. */
  commitment_fulfilled: event(
    'public',
    Words,
    Type.Object({ commitmentId: Type.String({ format: 'uuid' }), description: Type.String() }),
  ),
  /** A commitment dropped: `body` says why. */
  commitment_dropped: event(
    'public',
    Words,
    Type.Object({ commitmentId: Type.String({ format: 'uuid' }), description: Type.String() }),
  ),
  note: event('internal', Words, Nothing),
  tagged: event('internal', NoWords, Type.Object({ tag: Type.String() })),
  untagged: event('internal', NoWords, Type.Object({ tag: Type.String() })),
  marked_spam: event('internal', NoWords, Nothing),
  unmarked_spam: event('internal', NoWords, Nothing),
  /** A delivery report came back for an email of ours: `body` is the reason, `recipient` the address. */
  email_bounced: event(
    'internal',
    Words,
    Type.Object({ inboundMailId: InboundMailId, recipient: Type.Union([Type.String(), Type.Null()]) }),
  ),
  /** An admin placed an unmatched mail on this message (its words follow as the customer's). */
  mail_attached: event('internal', NoWords, Type.Object({ inboundMailId: InboundMailId })),
  /**
   * `assigneeId` null: the message was left to nobody. `body` is the reason given, if any; `previous…`
   * who had it before (absent on events older than teams); `roundRobin`: handed out by round-robin
   * (a rule, or the team's queue when someone became available).
   */
  assigned: event(
    'internal',
    MaybeWords,
    Type.Object({
      assigneeId: NullableId,
      assigneeName: Type.Union([Type.String(), Type.Null()]),
      previousAssigneeId: Type.Optional(NullableId),
      previousAssigneeName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      roundRobin: Type.Optional(Type.Boolean()),
    }),
  ),
  /** Someone moved the message to another team: from where to where, and why (`body`, if given). */
  moved: event(
    'internal',
    MaybeWords,
    Type.Object({
      fromTeamId: Type.String({ format: 'uuid' }),
      fromTeamName: Type.String(),
      toTeamId: Type.String({ format: 'uuid' }),
      toTeamName: Type.String(),
    }),
  ),
  /**
   * The routing rules placed the new message: one event for all the rules that matched, in their
   * order (one row, not one per rule: every event is also a live event and a fact to refresh), each
   * with what matched and what it did.
   */
  routed: event(
    'internal',
    NoWords,
    Type.Object({
      rules: Type.Array(
        Type.Object({
          ruleId: Type.String({ format: 'uuid' }),
          ruleName: Type.String(),
          reasons: Type.Array(RoutingReasonSchema),
          teamName: Type.Union([Type.String(), Type.Null()]),
          tags: Type.Array(Type.String()),
          assign: Type.Union([Type.Literal('person'), Type.Literal('round_robin'), Type.Null()]),
        }),
        { minItems: 1 },
      ),
    }),
  ),
  /** An email Ecoute wrote changed state (queued, held, sent, retrying, failed, suppressed): `reason` says why. */
  email: event(
    'internal',
    NoWords,
    Type.Object({
      emailId: Type.String({ format: 'uuid' }),
      kind: Type.Enum(EMAIL_KINDS),
      recipient: Type.String(),
      state: Type.Enum(EMAIL_STATES),
      reason: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  /** The customer turned emails about this message off or on again (their link, their tracking page). */
  customer_emails: event('internal', NoWords, Type.Object({ state: Type.Enum(CUSTOMER_EMAIL_STATES) })),
  /**
   * A manager chose the customer's words for the Customer Day report of the message's period (again:
   * the note changed); `body` is the manager's note, if any. Between colleagues: never the customer's.
   */
  customer_day_pinned: event('internal', MaybeWords, Nothing),
  /** A manager took the message's words out of the Customer Day report. */
  customer_day_unpinned: event('internal', NoWords, Nothing),
};

type Events = typeof TIMELINE_EVENTS;
export type TimelineType = keyof Events;

/** One event as stored: its type decides its visibility, its words and its facts. */
export type TimelineEventData = {
  [T in TimelineType]: {
    type: T;
    visibility: Events[T]['visibility'];
    body: Static<Events[T]['body']>;
    data: Static<Events[T]['data']>;
  };
}[TimelineType];

export type PublicTimelineType = Extract<TimelineEventData, { visibility: 'public' }>['type'];

export const TIMELINE_TYPES = Object.keys(TIMELINE_EVENTS) as TimelineType[];

export const PUBLIC_TIMELINE_TYPES = TIMELINE_TYPES.filter(
  (type) => TIMELINE_EVENTS[type].visibility === 'public',
) as PublicTimelineType[];
