// Health: 200 only when the database answers, so orchestrators never route to a broken instance.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../http/error-responses.ts';

export default async function healthRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  fastify.get(
    '/healthz',
    {
      logLevel: 'warn',
      schema: {
        operationId: 'health',
        tags: ['system'],
        summary: 'Liveness and database check',
        response: {
          200: Type.Object({ status: Type.Literal('ok') }),
          ...errorResponses({ 503: 'The database does not answer' }),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        await fastify.pingDatabase();
        return { status: 'ok' as const };
      } catch (err) {
        request.log.error({ err }, 'health check: database unreachable');
        return reply
          .code(503)
          .send({ error: { code: 'database_unavailable', message: 'The database does not answer.' } });
      }
    },
  );
}
