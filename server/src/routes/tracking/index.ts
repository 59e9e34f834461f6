// Tracking: the customer's private page (HTML, no JavaScript needed) and its JSON twin.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FollowUpSchema, TimelineEventSchema, TrackingSchema } from '@ecoute/shared/contract';
import { addCustomerMessage } from '../../messages/conversation.ts';
import { findTracked, timelineEntry, trackingView } from '../../messages/tracking.ts';
import { HttpError } from '../../plugins/app/errors.ts';
import { notFoundPage } from '../../pages/not-found-page.ts';
import { requestLocale } from '../../pages/request-locale.ts';
import { STRINGS } from '../../pages/strings.ts';
import { trackingPage } from '../../pages/tracking-page.ts';
import { errorResponses } from '../error-responses.ts';
import { prepareBody } from '../prepare-body.ts';

// Any string: a malformed token is simply unknown (404), like any other wrong link.
const TokenParamsSchema = Type.Object({ token: Type.String() });

/** Tracking responses are private: never cached, never indexed. */
function privateResponse(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow');
}

export default async function trackingRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  const followUpLimit = fastify.rateLimit({ max: 30, timeWindow: 10 * 60_000 });

  fastify.get('/t/:token', { schema: { hide: true, params: TokenParamsSchema } }, async (request, reply) => {
    privateResponse(reply).type('text/html; charset=utf-8');
    const view = await trackingView(fastify.db, request.params.token);
    if (!view) return reply.code(404).send(notFoundPage(requestLocale(request, 'en')));
    return trackingPage({ view, token: request.params.token });
  });

  fastify.post(
    '/t/:token',
    {
      onRequest: followUpLimit,
      preValidation: prepareBody,
      attachValidation: true,
      schema: { hide: true, params: TokenParamsSchema, body: FollowUpSchema },
    },
    async (request, reply) => {
      privateResponse(reply).type('text/html; charset=utf-8');
      const { token } = request.params;
      const found = await findTracked(fastify.db, token);
      if (!found) return reply.code(404).send(notFoundPage(requestLocale(request, 'en')));
      if (request.validationError) {
        const view = (await trackingView(fastify.db, token))!;
        const draft = typeof request.body?.body === 'string' ? request.body.body : '';
        return reply.code(400).send(trackingPage({ view, token, draft, error: STRINGS[view.locale].invalid }));
      }
      const event = await addCustomerMessage(fastify.db, found.message.id, request.body.body);
      return reply.redirect(`/t/${token}#event-${event.id}`, 303);
    },
  );

  fastify.get(
    '/api/v1/tracking/:token',
    {
      schema: {
        operationId: 'getTracking',
        tags: ['customer'],
        summary: 'Read a message and its timeline',
        description: 'The JSON twin of the tracking page `/t/{token}`.',
        params: TokenParamsSchema,
        response: { 200: TrackingSchema, ...errorResponses({ 404: 'Unknown tracking token' }) },
      },
    },
    async (request, reply) => {
      privateResponse(reply);
      const view = await trackingView(fastify.db, request.params.token);
      if (!view) throw new HttpError(404, 'not_found', 'There is no message behind this tracking link.');
      return view;
    },
  );

  fastify.post(
    '/api/v1/tracking/:token/messages',
    {
      onRequest: followUpLimit,
      preValidation: prepareBody,
      schema: {
        operationId: 'addCustomerMessage',
        tags: ['customer'],
        summary: 'Write again about a message',
        description: 'Adds the customer’s words to the timeline; the message waits for an answer again.',
        params: TokenParamsSchema,
        body: FollowUpSchema,
        response: {
          201: TimelineEventSchema,
          ...errorResponses({
            400: 'Invalid fields, listed in `fields`',
            404: 'Unknown tracking token',
            413: 'Body larger than 64 KiB',
            415: 'Neither JSON nor urlencoded',
            429: 'Too many messages; see `Retry-After`',
          }),
        },
      },
    },
    async (request, reply) => {
      privateResponse(reply);
      const found = await findTracked(fastify.db, request.params.token);
      if (!found) throw new HttpError(404, 'not_found', 'There is no message behind this tracking link.');
      const event = await addCustomerMessage(fastify.db, found.message.id, request.body.body);
      return reply.code(201).send(timelineEntry(found.message, { ...event, actorName: null }));
    },
  );
}
