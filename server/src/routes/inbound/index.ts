// The inbound mail webhook, for providers that receive a company's mail and post it on: the raw
// RFC 822 mail, authenticated by `ECOUTE_INBOUND_SECRET` as a bearer token. Without a secret
// configured the endpoint does not exist (404), so that nobody can post mail to a server that never
// asked for it; with one, a wrong or missing token is a 401.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { INBOUND_MAIL_MAX_BYTES, InboundReceiptSchema } from '@ecoute/shared/inbound-mail';
import { receiveInboundMail } from '../../domain/receive-inbound-mail.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { HttpError } from '../../plugins/app/errors.ts';

const RAW_MAIL_TYPES = ['message/rfc822', 'text/plain'];

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export default async function inboundRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    RAW_MAIL_TYPES,
    { parseAs: 'buffer', bodyLimit: INBOUND_MAIL_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );
  fastify.addContentTypeParser('*', (_request, _payload, done) =>
    done(new HttpError(415, 'unsupported_media_type', 'Send the raw mail as message/rfc822 (or text/plain).')),
  );

  fastify.post(
    '/inbound/email',
    {
      bodyLimit: INBOUND_MAIL_MAX_BYTES,
      onRequest: async (request, reply) => {
        const secret = fastify.config.email.inboundSecret;
        if (!secret) throw new HttpError(404, 'not_found', 'There is nothing at this address.');
        const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
        if (!given || !sameSecret(given, secret)) {
          reply.header('www-authenticate', 'Bearer');
          throw new HttpError(401, 'unauthenticated', 'Send the inbound secret as `Authorization: Bearer <secret>`.');
        }
      },
      schema: {
        operationId: 'receiveInboundEmail',
        tags: ['inbound mail'],
        summary: 'Take in one mail (inbound webhook)',
        description:
          'The body is the raw RFC 822 mail (`message/rfc822`, or `text/plain`), at most 10 MiB. It is stored ' +
          'with its source and placed: a reply joins its message, a delivery report stops emails to the ' +
          'address, new mail to the company becomes a message, the rest waits in the unmatched list. The same ' +
          '`Message-ID` twice is taken once (`duplicate: true`). 404 when `ECOUTE_INBOUND_SECRET` is not set.',
        security: [{ inboundSecret: [] }],
        response: {
          200: InboundReceiptSchema,
          ...errorResponses({
            400: 'Empty body',
            401: 'Missing or wrong bearer token',
            404: 'The webhook is off: no ECOUTE_INBOUND_SECRET',
            413: 'Larger than 10 MiB',
            415: 'Not message/rfc822 nor text/plain',
          }),
        },
      },
    },
    async (request) => {
      const raw = request.body as Buffer | undefined;
      if (!raw || raw.length === 0) throw new HttpError(400, 'invalid_request', 'The body must be the raw mail.');
      return receiveInboundMail(fastify.db, {
        outbox: fastify.outbox,
        routing: await fastify.routingRules(),
        raw,
        channel: 'webhook',
        settings: {
          replyDomain: fastify.config.email.replyDomain,
          inboxAddress: fastify.config.email.inboxAddress,
          publicUrl: fastify.config.publicUrl,
        },
      });
    },
  );
}
