// The dashboard on the wire: GET /api/v1/stats/overview's query and answer. Every number is a Figure:
// its value and the inbox link that lists exactly the messages behind it.
import { Type, type Static } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Seconds = Type.Union([Type.Number(), Type.Null()], { description: 'Seconds of working time; null: none' });

/** The unanswered ages the histogram cuts at, in seconds (the last bucket is everything older). */
export const AGE_BUCKETS = [
  { key: 'under_1h', seconds: 3600 },
  { key: '1h_4h', seconds: 4 * 3600 },
  { key: '4h_24h', seconds: 24 * 3600 },
  { key: '1d_3d', seconds: 3 * 86400 },
  { key: '3d_7d', seconds: 7 * 86400 },
] as const;
export const OLDEST_AGE_BUCKET = 'over_7d' as const;
export const AGE_KEYS = [...AGE_BUCKETS.map((bucket) => bucket.key), OLDEST_AGE_BUCKET] as const;
export type AgeKey = (typeof AGE_KEYS)[number];

export const StatsOverviewQuerySchema = Type.Object({
  from: Type.Optional(
    Type.String({ format: 'date', description: 'First day of the period (in `tz`); default: 12 weeks ago' }),
  ),
  to: Type.Optional(Type.String({ format: 'date', description: 'Last day of the period, included; default: today' })),
  teamId: Type.Optional(Uuid),
  agentId: Type.Optional(Uuid),
  tz: Type.Optional(
    Type.String({ maxLength: 64, description: 'IANA time zone days and weeks are cut in; default UTC' }),
  ),
  format: Type.Optional(Type.Literal('csv', { description: 'The same numbers as CSV (or send Accept: text/csv)' })),
});
export type StatsOverviewQuery = Static<typeof StatsOverviewQuerySchema>;

export const FigureSchema = Type.Object({
  value: Type.Integer(),
  /** The SPA's inbox, filtered to the messages behind the number (for commitments: their messages). */
  link: Type.String(),
  /** For commitments: how many messages the link lists. */
  messages: Type.Optional(Type.Integer()),
});
export type Figure = Static<typeof FigureSchema>;

const TimesSchema = Type.Object({
  median: Seconds,
  p90: Seconds,
  breached: FigureSchema,
});

const ActivitySchema = Type.Object({
  received: FigureSchema,
  answered: FigureSchema,
  /** answered / received; null when nothing was received. */
  answerRate: Type.Union([Type.Number(), Type.Null()]),
  acknowledge: TimesSchema,
  firstReply: TimesSchema,
});
export type Activity = Static<typeof ActivitySchema>;

export const StatsOverviewSchema = Type.Object(
  {
    period: Type.Object({
      from: Type.String(),
      to: Type.String(),
      timeZone: Type.String(),
      start: DateTime,
      end: DateTime,
    }),
    generatedAt: DateTime,
    unanswered: Type.Object({
      count: FigureSchema,
      oldest: Type.Union([
        Type.Object({ id: Uuid, reference: Type.String(), waitingSince: DateTime, ageSeconds: Type.Number() }),
        Type.Null(),
      ]),
      ages: Type.Array(
        Type.Object({
          key: Type.String(),
          fromSeconds: Type.Number(),
          toSeconds: Type.Union([Type.Number(), Type.Null()]),
          count: FigureSchema,
        }),
      ),
    }),
    totals: ActivitySchema,
    weeks: Type.Array(Type.Intersect([Type.Object({ start: DateTime, end: DateTime }), ActivitySchema])),
    teams: Type.Array(
      Type.Intersect([
        Type.Object({
          id: Uuid,
          name: Type.String(),
          timeZone: Type.String(),
          aroundTheClock: Type.Boolean(),
          acknowledgeTargetSeconds: Type.Number(),
          firstReplyTargetSeconds: Type.Number(),
          unanswered: FigureSchema,
        }),
        ActivitySchema,
      ]),
    ),
    agents: Type.Array(
      Type.Object({
        id: Uuid,
        name: Type.String(),
        firstReplies: FigureSchema,
        firstReply: TimesSchema,
        unanswered: FigureSchema,
      }),
    ),
    breaches: Type.Array(
      Type.Object({
        messageId: Uuid,
        reference: Type.String(),
        team: Type.String(),
        kind: Type.Union([Type.Literal('acknowledge'), Type.Literal('first_reply')]),
        workingSeconds: Seconds,
        targetSeconds: Type.Number(),
        receivedAt: DateTime,
      }),
    ),
    commitments: Type.Object({
      open: FigureSchema,
      dueThisWeek: FigureSchema,
      overdue: FigureSchema,
      made: Type.Object({
        open: FigureSchema,
        overdue: FigureSchema,
        keptOnTime: FigureSchema,
        keptLate: FigureSchema,
        dropped: FigureSchema,
        /** Kept on time / (kept + dropped + overdue), of those made in the period. */
        keptOnTimeRate: Type.Union([Type.Number(), Type.Null()]),
      }),
    }),
  },
  { $id: 'StatsOverview' },
);
export type StatsOverview = Static<typeof StatsOverviewSchema>;
