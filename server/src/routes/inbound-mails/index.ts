// Mail that came in, for the team: agents open the original of a mail on a message's timeline; admins
// go through the unmatched list, read a mail with its source, attach it to a message or dismiss it.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AttachMailSchema,
  InboundMailDetailSchema,
  InboundMailSummarySchema,
  UnmatchedMailListSchema,
} from '@ecoute/shared/inbound-mail';
import { findInboundMail } from '../../db/inbound-mails.repo.ts';
import { attachInboundMail } from '../../domain/attach-inbound-mail.ts';
import { dismissInboundMail } from '../../domain/dismiss-inbound-mail.ts';
import { listUnmatched, rawText, toMailDetail, toMailSummary } from '../../domain/inbound-mail-views.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { IdParamsSchema } from '../../http/params.ts';
import { HttpError } from '../../plugins/app/errors.ts';

const ADMIN_ERRORS = { 401: 'Not signed in', 403: 'Not an admin, or missing CSRF token' } as const;
const NO_SUCH_MAIL = () => new HttpError(404, 'not_found', 'There is no such mail.');

export default async function inboundMailRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();

  fastify.get(
    '/inbound-mails/unmatched',
    {
      onRequest: fastify.requireRole('admin'),
      preValidation: async (request) => {
        const query = request.query as { limit?: unknown };
        if (typeof query.limit === 'string' && /^\d{1,6}$/.test(query.limit)) query.limit = Number(query.limit);
      },
      schema: {
        operationId: 'listUnmatchedMail',
        tags: ['inbound mail'],
        summary: 'List the mail that could not be placed (admin)',
        description: 'Newest first, keyset-paginated: pass `nextCursor` back as `cursor`.',
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: {
          200: UnmatchedMailListSchema,
          ...errorResponses({ 400: 'Invalid query or cursor', ...ADMIN_ERRORS }),
        },
      },
    },
    async (request) => listUnmatched(fastify.db, { cursor: request.query.cursor, limit: request.query.limit ?? 50 }),
  );

  fastify.get(
    '/inbound-mails/:id',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'getInboundMail',
        tags: ['inbound mail'],
        summary: 'Read one inbound mail with its source (admin)',
        params: IdParamsSchema,
        response: {
          200: InboundMailDetailSchema,
          ...errorResponses({ 400: 'Invalid id', ...ADMIN_ERRORS, 404: 'Unknown mail' }),
        },
      },
    },
    async (request) => {
      const mail = await findInboundMail(fastify.db, request.params.id);
      if (!mail) throw NO_SUCH_MAIL();
      return toMailDetail(mail);
    },
  );

  fastify.get(
    '/inbound-mails/:id/raw',
    {
      onRequest: fastify.requireRole('agent'),
      schema: {
        operationId: 'getInboundMailSource',
        tags: ['inbound mail'],
        summary: 'The original of an inbound mail, as plain text',
        description: 'Served as `text/plain`, as a download, never to be rendered: the mail is the sender’s.',
        params: IdParamsSchema,
        response: {
          200: Type.String({ description: 'The raw RFC 822 mail' }),
          ...errorResponses({ 400: 'Invalid id', 401: 'Not signed in', 404: 'Unknown mail' }),
        },
      },
    },
    async (request, reply) => {
      const mail = await findInboundMail(fastify.db, request.params.id);
      if (!mail) throw NO_SUCH_MAIL();
      return reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="mail-${mail.id}.txt"`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(rawText(mail));
    },
  );

  fastify.post(
    '/inbound-mails/:id/attach',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'attachInboundMail',
        tags: ['inbound mail'],
        summary: 'Attach an unmatched mail to a message (admin)',
        description: 'Its words become the customer’s on that message, which waits for an answer again.',
        params: IdParamsSchema,
        body: AttachMailSchema,
        response: {
          200: InboundMailSummarySchema,
          ...errorResponses({
            400: 'Invalid fields, or a mail that could not be read',
            ...ADMIN_ERRORS,
            404: 'Unknown mail or message',
            409: 'The mail was already placed or dismissed',
          }),
        },
      },
    },
    async (request) =>
      toMailSummary(
        await attachInboundMail(fastify.db, {
          inboundMailId: request.params.id,
          messageId: request.body.messageId,
          actor: request.agent!.user,
        }),
      ),
  );

  fastify.post(
    '/inbound-mails/:id/dismiss',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'dismissInboundMail',
        tags: ['inbound mail'],
        summary: 'Take a mail out of the unmatched list (admin)',
        description: 'It stays stored with its source.',
        params: IdParamsSchema,
        response: {
          200: InboundMailSummarySchema,
          ...errorResponses({
            400: 'Invalid id',
            ...ADMIN_ERRORS,
            404: 'Unknown mail',
            409: 'The mail was already placed or dismissed',
          }),
        },
      },
    },
    async (request) =>
      toMailSummary(
        await dismissInboundMail(fastify.db, { inboundMailId: request.params.id, actor: request.agent!.user }),
      ),
  );
}
