// The weekly digest: managers keep its subscribers (`/api/v1/digests`), and anyone holding a digest's
// unsubscribe link stops it there, without an account (`/digests/unsubscribe/{token}`).
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  DigestSubscriberInputSchema,
  DigestSubscriberListSchema,
  DigestSubscriberSchema,
  type DigestSubscriber,
} from '@ecoute/shared/digest-contract';
import { listDigestSubscribers, type DigestSubscriberListRow } from '../../db/digests.repo.ts';
import {
  addDigestSubscriber,
  findUnsubscribing,
  removeDigestSubscriber,
  unsubscribeFromDigest,
} from '../../domain/digest-subscribers.ts';
import { digestUnsubscribePage } from '../../pages/digest-unsubscribe-page.ts';
import { errorPage } from '../../pages/error-page.ts';
import { requestLocale } from '../../pages/request-locale.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { privateResponse } from '../../http/private-response.ts';
import { IdParamsSchema } from '../../http/params.ts';

// Any string: a malformed token is simply unknown (404), like any other wrong link.
const TokenParamsSchema = Type.Object({ token: Type.String() });

function toSubscriber(row: DigestSubscriberListRow): DigestSubscriber {
  return {
    id: row.id,
    email: row.email,
    locale: row.locale,
    team: row.teamId ? { id: row.teamId, name: row.teamName ?? '' } : null,
    tag: row.tag,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Managers' routes, under `/api/v1`. */
export async function digestSubscriberRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  fastify.requireRoleForAll('manager');

  fastify.get(
    '/digests',
    {
      schema: {
        operationId: 'listDigestSubscribers',
        tags: ['digests'],
        summary: 'The weekly digest’s subscribers (manager)',
        response: {
          200: DigestSubscriberListSchema,
          ...errorResponses({ 401: 'Not signed in', 403: 'Not a manager' }),
        },
      },
    },
    async () => ({ items: (await listDigestSubscribers(fastify.db)).map(toSubscriber) }),
  );

  fastify.post(
    '/digests',
    {
      schema: {
        operationId: 'addDigestSubscriber',
        tags: ['digests'],
        summary: 'Subscribe an address to the weekly digest of a team or a tag (manager)',
        description:
          'Every Monday at 08:00 UTC each subscriber gets the past week (Monday to Sunday, UTC): messages received ' +
          'and answered, unanswered now, and a few customers’ words (spam excluded), in `locale`. Give exactly one ' +
          'of `teamId` and `tag`. Each digest carries a one-click unsubscribe link that needs no account.',
        body: DigestSubscriberInputSchema,
        response: {
          201: DigestSubscriberSchema,
          ...errorResponses({
            400: 'Invalid fields, neither or both of a team and a tag, or a team that does not exist',
            401: 'Not signed in',
            403: 'Not a manager, or missing CSRF token',
          }),
        },
      },
    },
    async (request, reply) => {
      const row = await addDigestSubscriber(fastify.db, fastify.outbox.secret, request.body, request.agent!.user.id);
      return reply.code(201).send(toSubscriber(row));
    },
  );

  fastify.delete(
    '/digests/:id',
    {
      schema: {
        operationId: 'removeDigestSubscriber',
        tags: ['digests'],
        summary: 'Remove a subscriber of the weekly digest (manager)',
        params: IdParamsSchema,
        response: {
          204: { type: 'null' },
          ...errorResponses({
            400: 'Invalid id',
            401: 'Not signed in',
            403: 'Not a manager, or missing CSRF token',
            404: 'Unknown subscriber',
          }),
        },
      },
    },
    async (request, reply) => {
      await removeDigestSubscriber(fastify.db, request.params.id);
      return reply.code(204).send(null);
    },
  );
}

/** The unsubscribe link's page and its one-click POST, at the root. */
export async function digestUnsubscribeRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();

  // Opening the link changes nothing (mail filters and link scanners open links): it asks.
  fastify.get(
    '/digests/unsubscribe/:token',
    { config: { page: true }, schema: { hide: true, params: TokenParamsSchema } },
    async (request, reply) => {
      privateResponse(reply).type('text/html; charset=utf-8');
      const { token } = request.params;
      const subscriber = await findUnsubscribing(fastify.db, token);
      if (!subscriber) return reply.code(404).send(errorPage(requestLocale(request, 'en'), 404));
      return digestUnsubscribePage({
        locale: subscriber.locale,
        email: subscriber.email,
        token,
        unsubscribed: subscriber.unsubscribedAt !== null,
      });
    },
  );

  // RFC 8058: mail clients post `List-Unsubscribe=One-Click`, urlencoded or as multipart form data,
  // with no cookie and no token but the link's. What the body says changes nothing: it is not read.
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'string' }, (_request, _body, done) => done(null, {}));
  fastify.post(
    '/digests/unsubscribe/:token',
    { config: { page: true }, schema: { hide: true, params: TokenParamsSchema } },
    async (request, reply) => {
      privateResponse(reply).type('text/html; charset=utf-8');
      const { token } = request.params;
      if (!(await unsubscribeFromDigest(fastify.db, token))) {
        return reply.code(404).send(errorPage(requestLocale(request, 'en'), 404));
      }
      const subscriber = (await findUnsubscribing(fastify.db, token))!;
      return digestUnsubscribePage({ locale: subscriber.locale, email: subscriber.email, token, unsubscribed: true });
    },
  );
}
