// The Outbox (admins): every email Ecoute wrote that waits, failed or went, and a failed one tried
// again on request.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EmailListSchema, EmailSummarySchema, OUTBOX_VIEWS } from '@ecoute/shared/agent-contract';
import { listOutbox, retryEmail } from '../../domain/outbox.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { IdParamsSchema } from '../../http/params.ts';

const OutboxQuerySchema = Type.Object({
  view: Type.Enum(OUTBOX_VIEWS, { default: 'waiting' }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
});

export default async function outboxRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();

  fastify.get(
    '/outbox',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'listOutbox',
        tags: ['outbox'],
        summary: 'List the emails Ecoute wrote (admin)',
        description:
          '`waiting`: held (no mail server set), queued or retrying; `failed`: given up, with the reason; `sent`: ' +
          'sent, or not sent on purpose (suppressed, with why). Newest first, 50 a page.',
        querystring: OutboxQuerySchema,
        response: {
          200: EmailListSchema,
          ...errorResponses({ 400: 'Invalid view or cursor', 401: 'Not signed in', 403: 'Not an admin' }),
        },
      },
    },
    async (request) => listOutbox(fastify.db, request.query.view, request.query.cursor),
  );

  fastify.post(
    '/outbox/:id/retry',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'retryEmail',
        tags: ['outbox'],
        summary: 'Try a failed email again (admin)',
        params: IdParamsSchema,
        response: {
          200: EmailSummarySchema,
          ...errorResponses({
            400: 'Invalid id',
            401: 'Not signed in',
            403: 'Not an admin, or missing CSRF token',
            404: 'Unknown email',
            409: 'The email has not failed',
          }),
        },
      },
    },
    async (request) => retryEmail(fastify.db, fastify.outbox, request.params.id),
  );
}
