// The Customer Day API's shapes (reports, pins, publications, share links): the server's route
// schemas, the OpenAPI document and the SPA read them here. The date rule is customer-day.ts.
import { Type, type Static } from 'typebox';
import { LocaleSchema } from './contract.ts';
import { WordCountSchema } from './words.ts';
import { CUSTOMER_DAY_LIMITS } from './customer-day-values.ts';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Person = Type.Object({ id: Uuid, name: Type.String() });

export { CUSTOMER_DAY_LIMITS, LOST_CUSTOMER_TAG, PRAISE_TAG } from './customer-day-values.ts';

/** `/reports/customer-days/{date}`: a malformed date is a 400; a day that is no Customer Day a 404. */
export const CustomerDayParamsSchema = Type.Object({
  date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A Customer Day, YYYY-MM-DD' }),
});

export const CustomerDayPeriodSchema = Type.Object({
  date: Day,
  previous: Type.String({ format: 'date', description: 'The Customer Day before: the period starts the day after' }),
  from: Type.String({ format: 'date-time', description: 'First instant covered (UTC)' }),
  until: Type.String({ format: 'date-time', description: 'First instant no longer covered (UTC)' }),
});

export const PublicationSchema = Type.Object({
  publishedAt: DateTime,
  publishedBy: Nullable(Person),
  /** 1 when first published, one more at each explicit republication. */
  version: Type.Integer({ minimum: 1 }),
});

export const CustomerDaySummarySchema = Type.Object({
  ...CustomerDayPeriodSchema.properties,
  /** `next`: the coming Customer Day, whose period is under way. */
  when: Type.Union([Type.Literal('past'), Type.Literal('next')]),
  publication: Nullable(PublicationSchema),
});

export const CustomerDayListSchema = Type.Object({ items: Type.Array(CustomerDaySummarySchema) });

const TeamCount = Type.Object({ teamId: Nullable(Uuid), teamName: Nullable(Type.String()), count: Type.Integer() });

/** A message the report lists by its words: the customer's name and address never appear. */
export const ReportMessageSchema = Type.Object({
  messageId: Uuid,
  reference: Type.String(),
  excerpt: Type.String(),
  locale: LocaleSchema,
  teamName: Nullable(Type.String()),
  receivedAt: DateTime,
});

export const VerbatimSchema = Type.Object({
  messageId: Uuid,
  reference: Type.String(),
  /** The customer's words, whole. */
  body: Type.String(),
  locale: LocaleSchema,
  teamName: Type.String(),
  receivedAt: DateTime,
  note: Nullable(Type.String()),
  pinnedBy: Nullable(Type.String()),
  pinnedAt: DateTime,
});

/**
 * A Customer Day's report: what it says is computed from the messages received in the period (spam
 * excluded); once published, this exact object is kept and shown as it was.
 */
export const CustomerDayReportSchema = Type.Object({
  period: CustomerDayPeriodSchema,
  generatedAt: DateTime,
  volumes: Type.Object({
    received: Type.Integer(),
    byTeam: Type.Array(TeamCount),
    byLanguage: Type.Array(Type.Object({ locale: LocaleSchema, count: Type.Integer() })),
  }),
  /**
   * The dashboard's definitions (shared/src/stats.ts, from message_facts): the share of the period's
   * messages with a reply, and each team's first replies in its working time against its target.
   */
  answers: Type.Object({
    received: Type.Integer(),
    answered: Type.Integer(),
    /** answered / received; null when nothing was received. */
    rate: Nullable(Type.Number()),
    byTeam: Type.Array(
      Type.Object({
        teamId: Uuid,
        teamName: Type.String(),
        received: Type.Integer(),
        answered: Type.Integer(),
        firstReplyTargetMinutes: Type.Integer(),
        /** Median and 90th percentile (nearest rank) of the time to first reply, in working minutes. */
        firstReplyMedianMinutes: Nullable(Type.Number()),
        firstReplyP90Minutes: Nullable(Type.Number()),
        /** First replies within the target. */
        withinTarget: Type.Integer(),
      }),
    ),
  }),
  commitments: Type.Object({
    /** Commitments made in the period, and what became of them by the time of the report. */
    made: Type.Integer(),
    keptOnTime: Type.Integer(),
    keptLate: Type.Integer(),
    dropped: Type.Integer(),
    open: Type.Integer(),
    overdue: Type.Integer(),
    /** keptOnTime / (keptOnTime + keptLate + dropped + overdue): of those resolved or past due; null when none. */
    keptOnTimeRate: Nullable(Type.Number()),
  }),
  /** The words rising most against the period before of the same length (GET /stats/words' `rising`). */
  risingWords: Type.Array(WordCountSchema),
  verbatims: Type.Array(VerbatimSchema),
  compliments: Type.Object({
    total: Type.Integer(),
    /** Credited to the team that held the message when its first reply was written; null: not answered yet. */
    byTeam: Type.Array(TeamCount),
    messages: Type.Array(ReportMessageSchema),
  }),
  lostCustomers: Type.Object({
    total: Type.Integer(),
    byTeam: Type.Array(TeamCount),
    messages: Type.Array(ReportMessageSchema),
  }),
});

export const CustomerDayReportViewSchema = Type.Object({
  /** `published`: the snapshot kept at publication; `live`: computed now from the messages. */
  source: Type.Union([Type.Literal('published'), Type.Literal('live')]),
  publication: Nullable(PublicationSchema),
  report: CustomerDayReportSchema,
});

export const CustomerDayReportQuerySchema = Type.Object({
  version: Type.Optional(
    Type.Union([Type.Literal('published'), Type.Literal('live')], {
      description: 'The published snapshot (the default once published) or the report computed now',
    }),
  ),
});

export const PublishInputSchema = Type.Object({
  republish: Type.Optional(
    Type.Boolean({ description: 'Replace a report already published (without it: 409 `already_published`)' }),
  ),
});

export const PinInputSchema = Type.Object({
  note: Type.Optional(Nullable(Type.String({ maxLength: CUSTOMER_DAY_LIMITS.pinNote }))),
});

export const PinSchema = Type.Object({
  messageId: Uuid,
  /** The Customer Day whose report shows it: the one whose period holds the message's arrival. */
  customerDay: Day,
  note: Nullable(Type.String()),
  pinnedBy: Nullable(Person),
  pinnedAt: DateTime,
});

export const PinStateSchema = Type.Object({ pin: Nullable(PinSchema) });

export const ShareSchema = Type.Object({
  id: Uuid,
  customerDay: Day,
  createdAt: DateTime,
  createdBy: Nullable(Person),
  revokedAt: Nullable(DateTime),
});

export const ShareListSchema = Type.Object({ items: Type.Array(ShareSchema) });

/** A new share link: the only time its address is given, since only its hash is kept. */
export const NewShareSchema = Type.Object({ ...ShareSchema.properties, url: Type.String() });

export const ShareIdParamsSchema = Type.Object({ id: Uuid });

/** What a share link shows, to anyone holding it. */
export const SharedReportSchema = Type.Object({ publication: PublicationSchema, report: CustomerDayReportSchema });

export type CustomerDayPeriodView = Static<typeof CustomerDayPeriodSchema>;
export type Publication = Static<typeof PublicationSchema>;
export type CustomerDaySummary = Static<typeof CustomerDaySummarySchema>;
export type CustomerDayReport = Static<typeof CustomerDayReportSchema>;
export type CustomerDayReportView = Static<typeof CustomerDayReportViewSchema>;
export type ReportMessage = Static<typeof ReportMessageSchema>;
export type Verbatim = Static<typeof VerbatimSchema>;
export type Pin = Static<typeof PinSchema>;
export type PinInput = Static<typeof PinInputSchema>;
export type Share = Static<typeof ShareSchema>;
export type NewShare = Static<typeof NewShareSchema>;
export type SharedReport = Static<typeof SharedReportSchema>;
