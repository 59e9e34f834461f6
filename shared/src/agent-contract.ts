// The agent API's request and response shapes: used by the server's route schemas (and so the
// OpenAPI document) and by the SPA's client. All under /api/v1, authenticated by the session cookie.
import { Type, type Static, type TObject, type TSchema, type TUnion } from 'typebox';
import { LocaleSchema, MessageStatusSchema } from './contract.ts';
import { COMMITMENT_OUTCOMES, type StatsFilterName } from './stats.ts';
import { AGENT_LIMITS, MESSAGE_VIEWS, PRESENCE_STATES, ROLES, TAG_PATTERN } from './agent-values.ts';
import { MailAttachmentSchema } from './inbound-mail.ts';
import { LIMITS, VISIBLE_PATTERN } from './limits.ts';
import { COMMITMENT_STATUSES, CUSTOMER_EMAIL_STATES, EMAIL_KINDS, EMAIL_STATES, VISIBILITIES } from './statuses.ts';
import { RoutingReasonSchema, TIMELINE_TYPES } from './timeline-events.ts';
import { ACCENT_MIN_CONTRAST, ACCENT_PATTERN, FORM_KEY_PATTERN, FORM_LIMITS } from './form-settings.ts';
import { LOCALES } from './locale.ts';
import { ROUTING_MATCHES } from './routing.ts';
import { WORD_TERM_PATTERN, WORDS_LIMITS } from './words.ts';

export {
  AGENT_LIMITS,
  hasRole,
  MESSAGE_VIEWS,
  OUTBOX_VIEWS,
  PRESENCE_STATES,
  ROLES,
  type MessageView,
  type OutboxView,
  type PresenceState,
  type Role,
} from './agent-values.ts';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const RoleSchema = Type.Enum(ROLES);

export const UserSchema = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    active: Type.Boolean(),
    available: Type.Boolean({ description: 'Available or away (their own choice): round-robin skips who is away' }),
    passwordSet: Type.Boolean({ description: 'false until the user chooses a password with their one-time link' }),
    locale: Type.Union([LocaleSchema, Type.Null()], {
      description:
        'The interface language they chose, which emails to them speak; null until they choose (emails in both)',
    }),
  },
  { $id: 'User' },
);
export type User = Static<typeof UserSchema>;
/** A colleague as everyone but admins sees them (to assign, to name owners): no email. */
export const TeammateSchema = Type.Object(
  { id: Uuid, name: Type.String(), active: Type.Boolean() },
  { $id: 'Teammate' },
);
export type Teammate = Static<typeof TeammateSchema>;
/** The users list: full users for admins, teammates for everyone else. */
export const UserListSchema = Type.Object({ items: Type.Array(Type.Union([UserSchema, TeammateSchema])) });
export type UserList = Static<typeof UserListSchema>;
const UserRefSchema = Type.Object({ id: Uuid, name: Type.String() });
export type UserRef = Static<typeof UserRefSchema>;

export const LoginSchema = Type.Object({
  email: Type.String({ minLength: 1, maxLength: LIMITS.email }),
  password: Type.String({ minLength: 1, maxLength: AGENT_LIMITS.password.max }),
});
export type Login = Static<typeof LoginSchema>;

export const SessionSchema = Type.Object(
  {
    user: UserSchema,
    csrfToken: Type.String({ description: 'Send it as `x-csrf-token` on every request that is not a GET' }),
  },
  { $id: 'Session' },
);
export type Session = Static<typeof SessionSchema>;

const PasswordSchema = Type.String({ minLength: AGENT_LIMITS.password.min, maxLength: AGENT_LIMITS.password.max });
export const SetPasswordSchema = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 100 }),
  password: PasswordSchema,
});
export type SetPassword = Static<typeof SetPasswordSchema>;

export const NewUserSchema = Type.Object({
  email: Type.String({ format: 'email', maxLength: LIMITS.email }),
  name: Type.String({ minLength: 1, maxLength: AGENT_LIMITS.userName, pattern: VISIBLE_PATTERN }),
  role: RoleSchema,
});
export type NewUser = Static<typeof NewUserSchema>;
export const UserChangeSchema = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    name: Type.Optional(NewUserSchema.properties.name),
    active: Type.Optional(Type.Boolean({ description: 'false signs the user out everywhere and stops sign-in' })),
  },
  { minProperties: 1 },
);
export type UserChange = Static<typeof UserChangeSchema>;
export const CreatedUserSchema = Type.Object({
  user: UserSchema,
  setPasswordUrl: Type.String({
    description: 'One-time link (valid 7 days) for the user to choose a password; it ends the links made before',
  }),
});
export type CreatedUser = Static<typeof CreatedUserSchema>;

export const MessageViewSchema = Type.Enum(MESSAGE_VIEWS);
/**
 * The dashboard's drill-downs (shared/src/stats.ts defines each): every number on it links to the
 * inbox with these, and the inbox then lists exactly the messages behind the number.
 */
const STATS_FILTERS = {
  receivedFrom: Type.Optional(DateTime),
  receivedBefore: Type.Optional(Type.String({ format: 'date-time', description: 'Received before this instant' })),
  answered: Type.Optional(Type.Union([Type.Literal('yes'), Type.Literal('no')], { description: 'Has had a reply' })),
  firstReplyBy: Type.Optional(Type.String({ format: 'uuid', description: 'The agent who wrote the first reply' })),
  handledBy: Type.Optional(
    Type.String({ format: 'uuid', description: 'First reply by the agent, or not replied and assigned to them' }),
  ),
  breached: Type.Optional(
    Type.Union([Type.Literal('acknowledge'), Type.Literal('first_reply')], {
      description:
        'Acknowledged or first replied later than the team’s target, in its working time (or not yet, and late)',
    }),
  ),
  waitingFrom: Type.Optional(DateTime),
  waitingBefore: Type.Optional(DateTime),
  commitment: Type.Optional(
    Type.Union(
      COMMITMENT_OUTCOMES.map((outcome) => Type.Literal(outcome)),
      {
        description: 'Has a commitment that stands so now (made in [madeFrom, madeBefore) when given)',
      },
    ),
  ),
  ownerId: Type.Optional(Type.String({ format: 'uuid', description: 'With `commitment`: owned by this agent' })),
  dueFrom: Type.Optional(Type.String({ format: 'date', description: 'With `commitment`: due on or after this day' })),
  dueTo: Type.Optional(Type.String({ format: 'date', description: 'With `commitment`: due on or before this day' })),
  madeFrom: Type.Optional(DateTime),
  madeBefore: Type.Optional(DateTime),
} satisfies Record<StatsFilterName, TSchema>;

export const MessageListQuerySchema = Type.Object({
  view: Type.Optional(MessageViewSchema),
  q: Type.Optional(
    Type.String({
      maxLength: AGENT_LIMITS.query,
      description: `Full-text search in each message's language, ranked among the newest ${AGENT_LIMITS.searchResults} matches`,
    }),
  ),
  tag: Type.Optional(Type.String({ maxLength: AGENT_LIMITS.tag })),
  teamId: Type.Optional(Uuid),
  assigneeId: Type.Optional(
    Type.Union([Uuid, Type.Literal('none')], { description: 'An agent’s id, or `none` for messages nobody has' }),
  ),
  formId: Type.Optional(Uuid),
  locale: Type.Optional(Type.Enum(LOCALES)),
  from: Type.Optional(Type.String({ format: 'date', description: 'Received on or after this day (UTC)' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Received on or before this day (UTC)' })),
  ...STATS_FILTERS,
  word: Type.Optional(
    Type.String({
      maxLength: WORDS_LIMITS.term,
      pattern: WORD_TERM_PATTERN,
      description: 'Messages whose customer’s words use this term (a `term` of GET /api/v1/stats/words)',
    }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});
export type MessageListQuery = Static<typeof MessageListQuerySchema>;

export const MessageSummarySchema = Type.Object(
  {
    id: Uuid,
    reference: Type.String(),
    status: MessageStatusSchema,
    excerpt: Type.String({ description: 'The first 200 characters of the customer’s words' }),
    customerName: Nullable(Type.String()),
    customerEmail: Nullable(Type.String()),
    locale: LocaleSchema,
    formName: Type.String(),
    tags: Type.Array(Type.String()),
    team: Type.Object({ id: Uuid, name: Type.String() }),
    assignee: Nullable(UserRefSchema),
    createdAt: DateTime,
    /** When the customer last wrote: what `unanswered` is ordered by. */
    waitingSince: DateTime,
  },
  { $id: 'MessageSummary' },
);
export type MessageSummary = Static<typeof MessageSummarySchema>;

export const MessageListSchema = Type.Object({
  items: Type.Array(MessageSummarySchema),
  nextCursor: Nullable(Type.String()),
});
export type MessageList = Static<typeof MessageListSchema>;

export const MessageCountsSchema = Type.Object({
  unanswered: Type.Integer(),
  mine: Type.Integer(),
  team: Type.Integer(),
  commitments_due: Type.Integer(),
  overdue: Type.Integer(),
  spam: Type.Integer(),
});
export type MessageCounts = Static<typeof MessageCountsSchema>;

export const CommitmentStatusSchema = Type.Enum(COMMITMENT_STATUSES);
export const CommitmentSchema = Type.Object(
  {
    id: Uuid,
    messageId: Uuid,
    reference: Type.String({ description: 'The message’s reference' }),
    description: Type.String(),
    dueOn: Type.String({ format: 'date' }),
    owner: Nullable(UserRefSchema),
    status: CommitmentStatusSchema,
    overdue: Type.Boolean(),
    outcome: Nullable(Type.String({ description: 'What was done (fulfilled) or why not (dropped)' })),
    createdAt: DateTime,
    resolvedAt: Nullable(DateTime),
  },
  { $id: 'Commitment' },
);
export type Commitment = Static<typeof CommitmentSchema>;

export type { TimelineType } from './timeline-events.ts';

export const AgentTimelineEventSchema = Type.Object(
  {
    id: Uuid,
    type: Type.Enum(TIMELINE_TYPES),
    visibility: Type.Enum(VISIBILITIES),
    /** Who did it; null for the customer and for the system. */
    actor: Nullable(UserRefSchema),
    /** The words: the customer's, a reply, a note, a commitment's outcome or reason. */
    text: Nullable(Type.String()),
    /** A short fact: the tag, the commitment, the assignee's name, an email's recipient. */
    detail: Nullable(Type.String()),
    /** The mail it came by or is about: agents can open the original (GET /inbound-mails/{id}/raw). */
    inboundMail: Nullable(Type.Object({ id: Uuid, attachments: Type.Array(MailAttachmentSchema) })),
    /** For an `email` event: which email, and the state it reached (`text` says why, if anything). */
    email: Nullable(Type.Object({ kind: Type.Enum(EMAIL_KINDS), state: Type.Enum(EMAIL_STATES) })),
    /** For `moved`: the team it left; for `assigned`: who had it (`null`: nobody), when known. */
    from: Type.Optional(Nullable(Type.String())),
    /** For `routed`: each rule that matched, in order, with what matched and what it did. */
    routing: Type.Optional(
      Type.Array(
        Type.Object({
          ruleName: Type.String(),
          reasons: Type.Array(RoutingReasonSchema),
          teamName: Nullable(Type.String()),
          tags: Type.Array(Type.String()),
          assign: Nullable(Type.Union([Type.Literal('person'), Type.Literal('round_robin')])),
        }),
      ),
    ),
    at: DateTime,
  },
  { $id: 'AgentTimelineEvent' },
);
export type AgentTimelineEvent = Static<typeof AgentTimelineEventSchema>;

/** An email Ecoute wrote, as agents and admins see it: never its body's secrets (links, tokens). */
export const EmailSummarySchema = Type.Object(
  {
    id: Uuid,
    /** Null for an email about no message: a weekly digest, a Customer Day reminder. */
    messageId: Nullable(Uuid),
    reference: Nullable(Type.String({ description: 'The message’s reference' })),
    kind: Type.Enum(EMAIL_KINDS),
    recipient: Type.String(),
    state: Type.Enum(EMAIL_STATES),
    attempts: Type.Integer(),
    /** Why it is retrying, failed or suppressed; null otherwise. */
    reason: Nullable(Type.String()),
    createdAt: DateTime,
    sentAt: Nullable(DateTime),
  },
  { $id: 'EmailSummary' },
);
export type EmailSummary = Static<typeof EmailSummarySchema>;

export const EmailListSchema = Type.Object({
  items: Type.Array(EmailSummarySchema),
  nextCursor: Nullable(Type.String()),
});
export type EmailList = Static<typeof EmailListSchema>;

export const MessageDetailSchema = Type.Object(
  {
    message: Type.Object({
      ...MessageSummarySchema.properties,
      body: Type.String(),
      pageUrl: Nullable(Type.String()),
      spamSignals: Type.Array(Type.String()),
      /** Whether Ecoute still writes to the customer: on, off (their choice), bouncing. */
      customerEmailState: Type.Enum(CUSTOMER_EMAIL_STATES),
    }),
    /** Every email written about this message, oldest first, with its delivery state. */
    emails: Type.Array(EmailSummarySchema),
    /** The same customer's other messages (same email), newest first. */
    otherMessages: Type.Array(MessageSummarySchema),
    timeline: Type.Array(AgentTimelineEventSchema),
    commitments: Type.Array(CommitmentSchema),
  },
  { $id: 'MessageDetail' },
);
export type MessageDetail = Static<typeof MessageDetailSchema>;

const NewCommitmentSchema = Type.Object({
  description: Type.String({ minLength: 1, maxLength: AGENT_LIMITS.commitment, pattern: VISIBLE_PATTERN }),
  dueOn: Type.String({ format: 'date', description: 'YYYY-MM-DD' }),
  ownerId: Type.Optional(Uuid),
});
export const ReplyInputSchema = Type.Object({
  body: Type.String({ minLength: 1, maxLength: AGENT_LIMITS.reply, pattern: VISIBLE_PATTERN }),
  commitments: Type.Optional(Type.Array(NewCommitmentSchema, { maxItems: AGENT_LIMITS.commitmentsPerReply })),
  lastSeenEventId: Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        'The last timeline event the agent had read when writing (an `id` of `timeline`). When the customer ' +
        'wrote, or a colleague replied, noted or resolved a commitment after it, the reply is refused with 409 ' +
        '`conversation_changed` and nothing is stored. Absent: no such check (the SPA always sends it).',
    }),
  ),
});
export type ReplyInput = Static<typeof ReplyInputSchema>;

export const ReplyWarningSchema = Type.Union([
  Type.Literal('unedited_template'),
  Type.Literal('not_addressed'),
  Type.Literal('unfilled_placeholder'),
]);
export const ReplyResultSchema = Type.Object({
  event: AgentTimelineEventSchema,
  commitments: Type.Array(CommitmentSchema),
  status: MessageStatusSchema,
  warnings: Type.Array(ReplyWarningSchema, { description: 'What the personalisation check found (the reply is sent)' }),
});
export type ReplyResult = Static<typeof ReplyResultSchema>;

/**
 * The 409 a reply gets when the conversation moved on since `lastSeenEventId`: `changes` are the events
 * that did (as the timeline shows them, oldest first). The same body for the other 409 (the message's
 * status), without `changes`.
 */
export const ReplyConflictSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: '`conversation_changed`, or `invalid_transition` (the message’s status)' }),
      message: Type.String(),
      changes: Type.Optional(
        Type.Array(AgentTimelineEventSchema, {
          description: 'What happened since `lastSeenEventId`: send again with the last one’s id to reply anyway',
        }),
      ),
    }),
  },
  {
    description:
      'The conversation changed since `lastSeenEventId` (`conversation_changed`, with `changes`), or the ' +
      'message’s status does not allow a reply (spam)',
  },
);
export type ReplyConflict = Static<typeof ReplyConflictSchema>;

export const PresenceStateSchema = Type.Enum(PRESENCE_STATES);
export const PresenceInputSchema = Type.Object({ state: PresenceStateSchema });
/** A colleague on a message, until their heartbeats stop. */
export const PresenceSchema = Type.Object({ messageId: Uuid, user: UserRefSchema, state: PresenceStateSchema });
export type Presence = Static<typeof PresenceSchema>;
export const PresenceListSchema = Type.Object({
  items: Type.Array(PresenceSchema, { description: 'Who else is on the message(s) now: never oneself' }),
  refreshInS: Type.Number({ description: 'Send the next heartbeat (or read again) after this many seconds' }),
});
export type PresenceList = Static<typeof PresenceListSchema>;

export const FulfilInputSchema = Type.Object({
  outcome: Type.String({ minLength: 1, maxLength: AGENT_LIMITS.resolution, pattern: VISIBLE_PATTERN }),
});
export const DropInputSchema = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: AGENT_LIMITS.resolution, pattern: VISIBLE_PATTERN }),
});
export const CommitmentResultSchema = Type.Object({ commitment: CommitmentSchema, status: MessageStatusSchema });
export type CommitmentResult = Static<typeof CommitmentResultSchema>;
export const CommitmentListQuerySchema = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('overdue')], { default: 'open' })),
  owner: Type.Optional(Type.Literal('me')),
});
export const CommitmentListSchema = Type.Object({ items: Type.Array(CommitmentSchema) });

export const NoteInputSchema = Type.Object({
  body: Type.String({ minLength: 1, maxLength: AGENT_LIMITS.note, pattern: VISIBLE_PATTERN }),
});
export const TagsInputSchema = Type.Object({
  tags: Type.Array(Type.String({ minLength: 1, maxLength: AGENT_LIMITS.tag, pattern: TAG_PATTERN }), {
    maxItems: AGENT_LIMITS.tagsPerMessage,
    uniqueItems: true,
  }),
});
export const MessageMoveSchema = Type.Object(
  {
    teamId: Type.Optional(Uuid),
    assigneeId: Type.Optional(Nullable(Uuid)),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: AGENT_LIMITS.moveReason, pattern: VISIBLE_PATTERN })),
  },
  { description: 'At least `teamId` or `assigneeId`', anyOf: [{ required: ['teamId'] }, { required: ['assigneeId'] }] },
);
export type MessageMove = Static<typeof MessageMoveSchema>;
export const AvailabilitySchema = Type.Object({ available: Type.Boolean() });
export type Availability = Static<typeof AvailabilitySchema>;
/** What a signed-in user changes of their own profile. */
export const ProfileChangeSchema = Type.Object(
  { locale: Type.Optional(LocaleSchema) },
  { minProperties: 1, additionalProperties: false },
);
export type ProfileChange = Static<typeof ProfileChangeSchema>;

const TeamNameSchema = Type.String({ minLength: 1, maxLength: AGENT_LIMITS.teamName, pattern: VISIBLE_PATTERN });
const TargetsSchema = {
  firstReplyTargetMinutes: Type.Integer({
    minimum: 1,
    maximum: AGENT_LIMITS.firstReplyTargetMinutes,
    description: 'Time to first reply, in minutes',
  }),
  commitmentDelayDays: Type.Integer({
    minimum: 1,
    maximum: AGENT_LIMITS.dueWithinDays,
    description: 'A commitment’s default delay, in days',
  }),
  acknowledgeTargetMinutes: Type.Integer({
    minimum: 1,
    maximum: AGENT_LIMITS.firstReplyTargetMinutes,
    description: 'Time to acknowledge, in minutes (the acknowledgement is automatic)',
  }),
};
const WorkingSpanSchema = Type.Object(
  {
    from: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, local time' }),
    to: Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', description: 'HH:MM, after `from`' }),
  },
  { additionalProperties: false },
);
const DaySpansSchema = Type.Optional(Type.Array(WorkingSpanSchema, { maxItems: 4 }));
/** The team's clock: targets are measured in its working time (shared/src/stats.ts). */
const ClockSchema = {
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'An IANA time zone name, e.g. Europe/Paris' }),
  workingHours: Type.Union(
    [
      Type.Object(
        {
          mon: DaySpansSchema,
          tue: DaySpansSchema,
          wed: DaySpansSchema,
          thu: DaySpansSchema,
          fri: DaySpansSchema,
          sat: DaySpansSchema,
          sun: DaySpansSchema,
        },
        // A schema nothing matches, not `false`: the validator would drop an unknown day silently.
        { additionalProperties: Type.Never({ description: 'mon, tue, wed, thu, fri, sat or sun' }) },
      ),
      Type.Null(),
    ],
    { description: 'Working hours per day, in the time zone; null: around the clock' },
  ),
};
export const TeamMemberSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  active: Type.Boolean(),
  available: Type.Boolean(),
});
export const TeamSchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    isDefault: Type.Boolean(),
    ...TargetsSchema,
    ...ClockSchema,
    members: Type.Array(TeamMemberSchema),
  },
  { $id: 'Team' },
);
export type Team = Static<typeof TeamSchema>;
export const TeamListSchema = Type.Object({ items: Type.Array(TeamSchema) });
export const NewTeamSchema = Type.Object({
  name: TeamNameSchema,
  firstReplyTargetMinutes: Type.Optional(TargetsSchema.firstReplyTargetMinutes),
  commitmentDelayDays: Type.Optional(TargetsSchema.commitmentDelayDays),
  acknowledgeTargetMinutes: Type.Optional(TargetsSchema.acknowledgeTargetMinutes),
  timeZone: Type.Optional(ClockSchema.timeZone),
  workingHours: Type.Optional(ClockSchema.workingHours),
});
export type NewTeam = Static<typeof NewTeamSchema>;
export const TeamChangeSchema = Type.Object(
  {
    name: Type.Optional(TeamNameSchema),
    isDefault: Type.Optional(
      Type.Literal(true, { description: 'Makes it the default team (the one default is taken from the other)' }),
    ),
    firstReplyTargetMinutes: Type.Optional(TargetsSchema.firstReplyTargetMinutes),
    commitmentDelayDays: Type.Optional(TargetsSchema.commitmentDelayDays),
    acknowledgeTargetMinutes: Type.Optional(TargetsSchema.acknowledgeTargetMinutes),
    timeZone: Type.Optional(ClockSchema.timeZone),
    workingHours: Type.Optional(ClockSchema.workingHours),
  },
  { minProperties: 1 },
);
export type TeamChange = Static<typeof TeamChangeSchema>;
export const TeamMemberInputSchema = Type.Object({ userId: Uuid });

const PhraseSchema = Type.String({ minLength: 1, maxLength: AGENT_LIMITS.rulePhrase, pattern: VISIBLE_PATTERN });
const ListOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Array(item, { minItems: 1, maxItems: AGENT_LIMITS.ruleValues, uniqueItems: true });
/**
 * One of several objects told apart by their `kind`: validated as the branch its `kind` names, so an
 * error names that branch's fields only (ajv's `discriminator`, turned on in server/src/app.ts).
 */
function byKind<T extends TObject[]>(branches: [...T]) {
  return Type.Unsafe<Static<TUnion<T>>>({
    type: 'object',
    required: ['kind'],
    discriminator: { propertyName: 'kind' },
    oneOf: branches,
  });
}

export const RoutingConditionSchema = byKind([
  Type.Object({ kind: Type.Literal('form'), formIds: ListOf(Uuid) }),
  Type.Object({ kind: Type.Literal('language'), locales: ListOf(Type.Enum(LOCALES)) }),
  Type.Object({ kind: Type.Literal('words'), phrases: ListOf(PhraseSchema) }),
  Type.Object({
    kind: Type.Literal('email_domain'),
    domains: ListOf(Type.String({ minLength: 1, maxLength: 253, pattern: '^@?[\\p{L}\\p{N}.-]+$' })),
  }),
  Type.Object({ kind: Type.Literal('returning_customer') }),
]);
export const RoutingActionsSchema = Type.Object(
  {
    teamId: Type.Optional(Uuid),
    tags: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: AGENT_LIMITS.tag, pattern: TAG_PATTERN }), {
        maxItems: AGENT_LIMITS.tagsPerMessage,
        uniqueItems: true,
      }),
    ),
    assign: Type.Optional(
      byKind([
        Type.Object({ kind: Type.Literal('person'), userId: Uuid }),
        // Round-robin among the available members of the team the message ends up in.
        Type.Object({ kind: Type.Literal('round_robin') }),
      ]),
    ),
  },
  { minProperties: 1, description: 'What the rule does: at least one action' },
);
export const RoutingRuleInputSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: AGENT_LIMITS.ruleName, pattern: VISIBLE_PATTERN }),
  match: Type.Enum(ROUTING_MATCHES, { description: '`all` conditions or `any` of them' }),
  conditions: Type.Array(RoutingConditionSchema, {
    maxItems: AGENT_LIMITS.ruleConditions,
    description: 'No condition: the rule matches every message',
  }),
  actions: RoutingActionsSchema,
  stop: Type.Boolean({ description: 'Whether evaluation stops after this rule when it matches' }),
  position: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 10_000, description: 'Its place in the order, from 0; the end by default' }),
  ),
});
export type RoutingRuleInput = Static<typeof RoutingRuleInputSchema>;
export const RoutingRuleSchema = Type.Object(
  {
    id: Uuid,
    ...RoutingRuleInputSchema.properties,
    position: Type.Integer(),
    updatedAt: DateTime,
  },
  { $id: 'RoutingRule' },
);
export type RoutingRuleView = Static<typeof RoutingRuleSchema>;
export const RoutingRuleListSchema = Type.Object({ items: Type.Array(RoutingRuleSchema) });
export const RoutingPreviewInputSchema = Type.Object({
  rule: Type.Optional(
    Type.Omit(RoutingRuleInputSchema, ['position'], { description: 'A draft rule; without it, the whole list' }),
  ),
});
export const RoutingPreviewSchema = Type.Object({
  examined: Type.Integer({ description: 'How many of the newest messages were run through (at most 1,000)' }),
  matches: Type.Array(
    Type.Object({
      message: Type.Object({
        id: Uuid,
        reference: Type.String(),
        excerpt: Type.String(),
        formName: Type.String(),
        locale: LocaleSchema,
        createdAt: DateTime,
      }),
      rules: Type.Array(
        Type.Object({ id: Nullable(Uuid), name: Type.String(), reasons: Type.Array(RoutingReasonSchema) }),
      ),
      team: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
      tags: Type.Array(Type.String()),
      assign: Nullable(
        Type.Union([
          Type.Object({ kind: Type.Literal('person'), user: UserRefSchema }),
          Type.Object({ kind: Type.Literal('round_robin') }),
        ]),
      ),
    }),
  ),
});
export type RoutingPreview = Static<typeof RoutingPreviewSchema>;
export const StatusResultSchema = Type.Object({ status: MessageStatusSchema });

export const TemplateSchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    body: Type.String(),
    locale: Nullable(LocaleSchema),
    updatedAt: DateTime,
  },
  { $id: 'Template' },
);
export type Template = Static<typeof TemplateSchema>;
export const TemplateInputSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: AGENT_LIMITS.templateName, pattern: VISIBLE_PATTERN }),
  body: Type.String({ minLength: 1, maxLength: AGENT_LIMITS.template, pattern: VISIBLE_PATTERN }),
  locale: Type.Optional(Nullable(LocaleSchema)),
});
export type TemplateInput = Static<typeof TemplateInputSchema>;
export const TemplateChangeSchema = Type.Partial(TemplateInputSchema, { minProperties: 1 });

const FormKeySchema = Type.String({
  pattern: FORM_KEY_PATTERN,
  maxLength: FORM_LIMITS.key,
  description: 'In the URLs pages use (`/f/{key}`, `<ecoute-form form="{key}">`): lower-case letters, digits, hyphens',
});
const AcknowledgementTextSchema = Nullable(
  Type.String({ minLength: 1, maxLength: FORM_LIMITS.acknowledgement, pattern: VISIBLE_PATTERN }),
);
const FORM_FIELDS = {
  key: FormKeySchema,
  name: Type.String({ minLength: 1, maxLength: FORM_LIMITS.name, pattern: VISIBLE_PATTERN }),
  allowedOrigins: Type.Array(Type.String({ maxLength: FORM_LIMITS.origin }), {
    maxItems: FORM_LIMITS.allowedOrigins,
    description: 'Origins as browsers send them (`https://shop.example`), or `*` for any page',
  }),
  defaultLocale: LocaleSchema,
  acknowledgements: Type.Object(
    { fr: Type.Optional(AcknowledgementTextSchema), en: Type.Optional(AcknowledgementTextSchema) },
    {
      additionalProperties: false,
      description:
        'The acknowledgement in each language (null: Ecoute’s own words); placeholders `{{name}}` and `{{reference}}`; the tracking link is always added',
    },
  ),
  accent: Nullable(
    Type.String({
      pattern: ACCENT_PATTERN,
      description: `The widget’s colour, \`#rgb\` or \`#rrggbb\`, with a contrast of ${ACCENT_MIN_CONTRAST}:1 or more with white (null: Ecoute’s blue)`,
    }),
  ),
};

export const FormSettingsSchema = Type.Object(
  {
    id: Uuid,
    ...FORM_FIELDS,
    acknowledgements: Type.Object({ fr: Nullable(Type.String()), en: Nullable(Type.String()) }),
    archived: Type.Boolean({ description: 'An archived form takes no more messages; its messages stay' }),
    messageCount: Type.Integer({ minimum: 0 }),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'FormSettings' },
);
export type FormSettings = Static<typeof FormSettingsSchema>;
/** What every agent may know of a form: enough to filter the inbox by it. */
export const FormRefSchema = Type.Object(
  { id: Uuid, key: FORM_FIELDS.key, name: FORM_FIELDS.name, archived: Type.Boolean() },
  { $id: 'FormRef' },
);
export type FormRef = Static<typeof FormRefSchema>;
/** The forms list: settings in full for managers and admins, references for agents. */
export const FormListSchema = Type.Object({ items: Type.Array(Type.Union([FormSettingsSchema, FormRefSchema])) });
export type FormList = Static<typeof FormListSchema>;
export const FormInputSchema = Type.Object({
  key: FORM_FIELDS.key,
  name: FORM_FIELDS.name,
  allowedOrigins: Type.Optional(FORM_FIELDS.allowedOrigins),
  defaultLocale: Type.Optional(FORM_FIELDS.defaultLocale),
  acknowledgements: Type.Optional(FORM_FIELDS.acknowledgements),
  accent: Type.Optional(FORM_FIELDS.accent),
});
export type FormInput = Static<typeof FormInputSchema>;
export const FormChangeSchema = Type.Partial(
  Type.Object({
    ...FORM_FIELDS,
    archived: Type.Boolean({ description: 'true: stop taking messages (history kept); false: take them again' }),
  }),
  {
    minProperties: 1,
    description:
      'Only the fields given change; in `acknowledgements`, a language left out keeps its words and null returns it to Ecoute’s',
  },
);
export type FormChange = Static<typeof FormChangeSchema>;
