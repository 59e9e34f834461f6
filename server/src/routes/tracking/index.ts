// Tracking: the customer's private page (HTML, no JavaScript needed) and its JSON twin, and the
// customer's choice about emails (the link in every email, the page's button, the API).
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CustomerEmailsChoiceSchema,
  CustomerEmailsSchema,
  FollowUpSchema,
  TimelineEventSchema,
  TrackingSchema,
  type Tracking,
} from '@ecoute/shared/contract';
import { LIMITS } from '@ecoute/shared/limits';
import { addCustomerMessage } from '../../domain/add-customer-message.ts';
import { DomainError } from '../../domain/errors.ts';
import { setCustomerEmails } from '../../domain/set-customer-emails.ts';
import { findTracked, toTrackingEvent, trackingView } from '../../domain/tracking.ts';
import { HttpError } from '../../plugins/app/errors.ts';
import { customerEmailsPage } from '../../pages/customer-emails-page.ts';
import { errorPage } from '../../pages/error-page.ts';
import { requestLocale } from '../../pages/request-locale.ts';
import { CUSTOMER_STRINGS as STRINGS } from '@ecoute/shared/customer-strings';
import { trackingPage } from '../../pages/tracking-page.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { privateResponse } from '../../http/private-response.ts';
import { prepareBody } from '../../http/prepare-body.ts';

// Any string: a malformed token is simply unknown (404), like any other wrong link.
const TokenParamsSchema = Type.Object({ token: Type.String() });

export default async function trackingRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  /** The JSON API's answer to a token with no message behind it. */
  const notTracked = () => new HttpError(404, 'not_found', 'There is no message behind this tracking link.');
  async function trackedOrNotFound(token: string) {
    const found = await findTracked(fastify.db, token);
    if (!found) throw notTracked();
    return found;
  }
  // Per conversation, so that customers behind one address (an office, a mobile network) do not
  // share a budget; per address too, generously. Mistakes the page sends back are not counted.
  const followUps = fastify.limiter(
    [
      {
        name: 'follow-ups-per-conversation',
        max: 30,
        timeWindow: 10 * 60_000,
        keyGenerator: (request) => (request.params as { token: string }).token,
      },
      { name: 'follow-ups-per-ip', max: 300, timeWindow: 10 * 60_000 },
    ],
    'Too many messages at once: please wait a moment and send again.',
  );

  // Each change of mind is on the timeline: a link passed around cannot fill it.
  const emailChoices = fastify.limiter(
    [
      {
        name: 'email-choices-per-conversation',
        max: 30,
        timeWindow: 10 * 60_000,
        keyGenerator: (request) => (request.params as { token: string }).token,
      },
    ],
    'Too many changes at once: please wait a moment and try again.',
  );

  /** The link's page for a message with an address; undefined for a message without one. */
  const emailsPage = (view: Tracking, token: string, refused?: boolean) =>
    view.emails ? customerEmailsPage({ view: { ...view, emails: view.emails }, token, refused }) : undefined;

  // The link in every email. Opening it changes nothing (mail filters and link scanners open
  // links): it asks, and its button posts below.
  fastify.get(
    '/t/:token/emails/off',
    { config: { page: true }, schema: { hide: true, params: TokenParamsSchema } },
    async (request, reply) => {
      privateResponse(reply).type('text/html; charset=utf-8');
      const { token } = request.params;
      const view = await trackingView(fastify.db, token);
      if (!view) return reply.code(404).send(errorPage(requestLocale(request, 'en'), 404));
      return emailsPage(view, token) ?? reply.redirect(`/t/${token}`, 303);
    },
  );

  fastify.register(async (scope) => {
    const oneClick = scope.withTypeProvider<TypeBoxTypeProvider>();
    // RFC 8058: mail clients post `List-Unsubscribe=One-Click`, urlencoded or as multipart form data,
    // with no cookie and no token but the link's. What the body says changes nothing: it is not read.
    oneClick.addContentTypeParser('multipart/form-data', { parseAs: 'string' }, (_request, _body, done) =>
      done(null, {}),
    );
    oneClick.post(
      '/t/:token/emails/off',
      { config: { page: true }, onRequest: emailChoices.hook, schema: { hide: true, params: TokenParamsSchema } },
      async (request, reply) => {
        privateResponse(reply).type('text/html; charset=utf-8');
        const { token } = request.params;
        const found = await findTracked(fastify.db, token);
        if (!found) return reply.code(404).send(errorPage(requestLocale(request, 'en'), 404));
        if (found.message.customerEmail)
          await setCustomerEmails(fastify.db, { messageId: found.message.id, state: 'off' });
        const view = (await trackingView(fastify.db, token))!;
        return emailsPage(view, token) ?? reply.redirect(`/t/${token}`, 303);
      },
    );
  });

  fastify.post(
    '/t/:token/emails/on',
    { config: { page: true }, onRequest: emailChoices.hook, schema: { hide: true, params: TokenParamsSchema } },
    async (request, reply) => {
      privateResponse(reply).type('text/html; charset=utf-8');
      const { token } = request.params;
      const found = await findTracked(fastify.db, token);
      if (!found) return reply.code(404).send(errorPage(requestLocale(request, 'en'), 404));
      try {
        await setCustomerEmails(fastify.db, { messageId: found.message.id, state: 'on' });
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'email_address_bouncing')) throw error;
        const view = (await trackingView(fastify.db, token))!;
        return reply.code(409).send(emailsPage(view, token, true));
      }
      return reply.redirect(`/t/${token}#emails`, 303);
    },
  );

  fastify.get(
    '/t/:token',
    { config: { page: true }, schema: { hide: true, params: TokenParamsSchema } },
    async (request, reply) => {
      privateResponse(reply).type('text/html; charset=utf-8');
      const view = await trackingView(fastify.db, request.params.token);
      if (!view) return reply.code(404).send(errorPage(requestLocale(request, 'en'), 404));
      return trackingPage({ view, token: request.params.token });
    },
  );

  fastify.post(
    '/t/:token',
    {
      config: { page: true },
      preValidation: prepareBody,
      attachValidation: true,
      schema: { hide: true, params: TokenParamsSchema, body: FollowUpSchema },
    },
    async (request, reply) => {
      privateResponse(reply).type('text/html; charset=utf-8');
      const { token } = request.params;
      const found = await findTracked(fastify.db, token);
      if (!found) return reply.code(404).send(errorPage(requestLocale(request, 'en'), 404));
      const again = async (status: number, error: 'invalid' | 'limited') => {
        const view = (await trackingView(fastify.db, token))!;
        const draft = typeof request.body?.body === 'string' ? request.body.body : '';
        return reply.code(status).send(trackingPage({ view, token, draft, error: STRINGS[view.locale][error] }));
      };
      if (request.validationError) return again(400, 'invalid');
      const retryAfter = await followUps.exceeded(request);
      if (retryAfter !== undefined) {
        reply.header('retry-after', String(retryAfter));
        return again(429, 'limited');
      }
      const event = await addCustomerMessage(fastify.db, { messageId: found.message.id, body: request.body.body });
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
      if (!view) throw notTracked();
      return view;
    },
  );

  fastify.post(
    '/api/v1/tracking/:token/messages',
    {
      onRequest: followUps.hook,
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
            413: `Body larger than ${LIMITS.requestBytes / 1024} KiB`,
            415: 'Neither JSON nor urlencoded',
            429: 'Too many messages; see `Retry-After`',
          }),
        },
      },
    },
    async (request, reply) => {
      privateResponse(reply);
      const found = await trackedOrNotFound(request.params.token);
      const event = await addCustomerMessage(fastify.db, { messageId: found.message.id, body: request.body.body });
      // The customer's own words are always theirs to see.
      return reply.code(201).send(toTrackingEvent(found.message, event)!);
    },
  );

  fastify.put(
    '/api/v1/tracking/:token/emails',
    {
      onRequest: emailChoices.hook,
      schema: {
        operationId: 'setCustomerEmails',
        tags: ['customer'],
        summary: 'Turn emails about a message off or on',
        description:
          'The customer’s choice, as the link in every email and the tracking page make it. An address that bounces stays without emails: only another address would change that.',
        params: TokenParamsSchema,
        body: CustomerEmailsChoiceSchema,
        response: {
          200: CustomerEmailsSchema,
          ...errorResponses({
            400: 'Invalid fields, listed in `fields`',
            404: 'Unknown tracking token',
            409: 'No email address on this message (`no_email_address`), or it bounces (`email_address_bouncing`)',
            415: 'Not JSON',
            429: 'Too many changes; see `Retry-After`',
          }),
        },
      },
    },
    async (request, reply) => {
      privateResponse(reply);
      const found = await trackedOrNotFound(request.params.token);
      return {
        emails: await setCustomerEmails(fastify.db, { messageId: found.message.id, state: request.body.state }),
      };
    },
  );
}
