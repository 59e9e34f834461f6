// The agent API's request and response shapes: used by the server's route schemas (and so the
// OpenAPI document) and by the SPA's client. All under /api/v1, authenticated by the session cookie.
import { Type, type Static } from 'typebox';
import { LocaleSchema, MessageStatusSchema } from './contract.ts';
import { AGENT_LIMITS, MESSAGE_VIEWS, ROLES, TAG_PATTERN } from './agent-values.ts';
import { MailAttachmentSchema } from './inbound-mail.ts';
import { LIMITS, VISIBLE_PATTERN } from './limits.ts';
import { COMMITMENT_STATUSES, CUSTOMER_EMAIL_STATES, EMAIL_KINDS, EMAIL_STATES, VISIBILITIES } from './statuses.ts';
import { TIMELINE_TYPES } from './timeline-events.ts';
import { ACCENT_MIN_CONTRAST, ACCENT_PATTERN, FORM_KEY_PATTERN, FORM_LIMITS } from './form-settings.ts';

export {
  AGENT_LIMITS,
  hasRole,
  MESSAGE_VIEWS,
  OUTBOX_VIEWS,
  ROLES,
  type MessageView,
  type OutboxView,
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
    passwordSet: Type.Boolean({ description: 'false until the user chooses a password with their one-time link' }),
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

export const MessageListQuerySchema = Type.Object({
  view: Type.Optional(MessageViewSchema),
  q: Type.Optional(
    Type.String({
      maxLength: AGENT_LIMITS.query,
      description: `Full-text search in each message's language, ranked among the newest ${AGENT_LIMITS.searchResults} matches`,
    }),
  ),
  tag: Type.Optional(Type.String({ maxLength: AGENT_LIMITS.tag })),
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
    at: DateTime,
  },
  { $id: 'AgentTimelineEvent' },
);
export type AgentTimelineEvent = Static<typeof AgentTimelineEventSchema>;

/** An email Ecoute wrote, as agents and admins see it: never its body's secrets (links, tokens). */
export const EmailSummarySchema = Type.Object(
  {
    id: Uuid,
    messageId: Uuid,
    reference: Type.String({ description: 'The message’s reference' }),
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
export const AssignInputSchema = Type.Object({ assigneeId: Nullable(Uuid) });
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
