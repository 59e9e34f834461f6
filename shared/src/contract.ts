// The public contract third-party pages rely on: request and response shapes of the customer API.
import { Type, type Static } from 'typebox';
import { LIMITS, VISIBLE_PATTERN } from './limits.ts';
import { LOCALES } from './locale.ts';
import { COMMITMENT_STATUSES, CUSTOMER_EMAIL_STATES, MESSAGE_STATUSES, type MessageStatus } from './statuses.ts';
import { PUBLIC_TIMELINE_TYPES } from './timeline-events.ts';

export type { MessageStatus } from './statuses.ts';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. `invalid_request`' }),
      message: Type.String({ description: 'Human-readable explanation' }),
      fields: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Problem per invalid field' })),
    }),
  },
  { $id: 'Error' },
);
export type ApiError = Static<typeof ErrorSchema>;

const text = (maxLength: number, description: string) => Type.String({ maxLength, description });

export const SubmissionSchema = Type.Object(
  {
    body: Type.String({
      minLength: 1,
      maxLength: LIMITS.body,
      pattern: VISIBLE_PATTERN,
      description: 'What the customer wrote, in their own words',
    }),
    name: Type.Optional(text(LIMITS.name, 'How the customer wants to be addressed')),
    email: Type.Optional(
      Type.String({ format: 'email', maxLength: LIMITS.email, description: 'Only used to send the answer' }),
    ),
    locale: Type.Optional(text(LIMITS.locale, 'Language tag such as `fr` or `en-GB`')),
    pageUrl: Type.Optional(
      Type.String({
        format: 'uri',
        pattern: '^https?://',
        maxLength: LIMITS.pageUrl,
        description: 'The page the customer wrote from',
      }),
    ),
    website: Type.Optional(text(LIMITS.honeypot, 'Honeypot: left empty by people')),
    fillMs: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'Time spent filling the form, in ms' }),
    ),
  },
  { $id: 'Submission' },
);
export type Submission = Static<typeof SubmissionSchema>;

export const LocaleSchema = Type.Enum(LOCALES);

export const AcknowledgementSchema = Type.Object({
  text: Type.String(),
  at: Type.String({ format: 'date-time' }),
});

export const SubmissionReceiptSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    reference: Type.String({ examples: ['EC-7K2Q9'] }),
    trackingUrl: Type.String({ format: 'uri' }),
    acknowledgement: AcknowledgementSchema,
  },
  { $id: 'SubmissionReceipt' },
);
export type SubmissionReceipt = Static<typeof SubmissionReceiptSchema>;

/**
 * The Idempotency-Key a request that creates something may carry (a submission, a reply): sent again
 * with it, nothing is created twice. Printable ASCII without spaces, as the widget, the hosted form
 * and the SPA make them.
 */
export const IdempotencyKeySchema = Type.String({
  minLength: 1,
  maxLength: LIMITS.idempotencyKey,
  pattern: '^[\\x21-\\x7E]+$',
});

export const FollowUpSchema = Type.Object({ body: SubmissionSchema.properties.body }, { $id: 'FollowUp' });
export type FollowUp = Static<typeof FollowUpSchema>;

export const PublicCommitmentSchema = Type.Object({
  description: Type.String(),
  dueOn: Type.String({ format: 'date' }),
  status: Type.Enum(COMMITMENT_STATUSES),
});

export const TimelineEventSchema = Type.Object({
  id: Type.String(),
  /** Only the types the customer sees (timeline-events.ts). */
  type: Type.Enum(PUBLIC_TIMELINE_TYPES),
  author: Type.Union([Type.Literal('customer'), Type.Literal('team'), Type.Literal('system')]),
  /** The agent's name on a reply or a follow-up. */
  authorName: Type.Optional(Type.String()),
  /** The words: the customer's, the reply, or what was done (kept) / why not (dropped). */
  text: Type.String(),
  /** On a reply: what the team committed to. */
  commitments: Type.Optional(Type.Array(PublicCommitmentSchema)),
  /** On a follow-up: the commitment it is about. */
  commitment: Type.Optional(Type.String()),
  at: Type.String({ format: 'date-time' }),
});
/** One event of the tracking timeline, as the customer reads it. */
export type TrackingEvent = Static<typeof TimelineEventSchema>;

export const MessageStatusSchema = Type.Enum(MESSAGE_STATUSES);

export const TrackingSchema = Type.Object(
  {
    reference: Type.String(),
    /** Quarantine is not shown to the customer: a message in it reads as `unanswered`. */
    status: Type.Enum(MESSAGE_STATUSES.filter((status) => status !== 'spam') as Exclude<MessageStatus, 'spam'>[]),
    locale: LocaleSchema,
    formName: Type.String(),
    message: Type.Object({
      body: Type.String(),
      name: Type.Union([Type.String(), Type.Null()]),
      at: Type.String({ format: 'date-time' }),
    }),
    timeline: Type.Array(TimelineEventSchema),
    /**
     * Whether Ecoute emails the customer about this message: `off` by their choice, `bouncing` when
     * the address does not receive them; null when they left no address.
     */
    emails: Type.Union([Type.Enum(CUSTOMER_EMAIL_STATES), Type.Null()]),
  },
  { $id: 'Tracking' },
);
export type Tracking = Static<typeof TrackingSchema>;

/** The customer's choice about emails on their message (`bouncing` is not theirs to choose). */
export const CustomerEmailsChoiceSchema = Type.Object(
  { state: Type.Union([Type.Literal('on'), Type.Literal('off')]) },
  { $id: 'CustomerEmailsChoice' },
);
export type CustomerEmailsChoice = Static<typeof CustomerEmailsChoiceSchema>;

export const CustomerEmailsSchema = Type.Object(
  { emails: Type.Enum(CUSTOMER_EMAIL_STATES, { description: 'The state once the choice is made' }) },
  { $id: 'CustomerEmails' },
);
export type CustomerEmails = Static<typeof CustomerEmailsSchema>;

export const FormStatusSchema = Type.Object(
  {
    form: Type.String({ description: 'The form key asked about' }),
    name: Type.String({ description: 'The form’s name, as the hosted form shows it' }),
    defaultLocale: LocaleSchema,
    accent: Type.Union([Type.String(), Type.Null()], {
      description: 'The form’s colour (`#rrggbb`), which the widget uses unless its `accent` attribute says otherwise',
    }),
    acceptsOrigin: Type.Boolean({
      description: 'Whether the form takes messages from a page at `origin`: `false` is a refusal, not an outage',
    }),
  },
  { $id: 'FormStatus' },
);
export type FormStatus = Static<typeof FormStatusSchema>;
