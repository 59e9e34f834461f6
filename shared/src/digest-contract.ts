// The weekly digest's API shapes (its subscribers): the server's route schemas, the OpenAPI document
// and the SPA read them here.
import { Type, type Static } from 'typebox';
import { AGENT_LIMITS, TAG_PATTERN } from './agent-values.ts';
import { LocaleSchema } from './contract.ts';
import { LIMITS } from './limits.ts';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** How many customers' words a digest quotes, and how much of each. */
export const DIGEST_VERBATIMS = { count: 5, excerptLength: 300 } as const;

export const DigestSubscriberSchema = Type.Object({
  id: Uuid,
  email: Type.String(),
  locale: LocaleSchema,
  /** The team whose week it tells, or null when it is a tag's. */
  team: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  tag: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});
export type DigestSubscriber = Static<typeof DigestSubscriberSchema>;

export const DigestSubscriberListSchema = Type.Object({ items: Type.Array(DigestSubscriberSchema) });
export type DigestSubscriberList = Static<typeof DigestSubscriberListSchema>;

/** Exactly one of `teamId` and `tag`. */
export const DigestSubscriberInputSchema = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: LIMITS.email }),
    locale: LocaleSchema,
    teamId: Type.Optional(Uuid),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: AGENT_LIMITS.tag, pattern: TAG_PATTERN })),
  },
  { additionalProperties: false },
);
export type DigestSubscriberInput = Static<typeof DigestSubscriberInputSchema>;
