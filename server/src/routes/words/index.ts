// The customers' own words, for managers: GET /api/v1/stats/words.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { WordsQuerySchema, WordsSchema } from '@ecoute/shared/words';
import { wordsForPeriod } from '../../domain/words-for-period.ts';
import { errorResponses } from '../../http/error-responses.ts';

export default async function wordRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();

  fastify.get(
    '/stats/words',
    {
      onRequest: fastify.requireRole('manager'),
      schema: {
        operationId: 'customerWords',
        tags: ['stats'],
        summary: 'The terms and phrases customers used most in a period, and the rising ones',
        description:
          'Counts messages (spam aside) received in the period (UTC days, both included) whose customer’s ' +
          'words (the message and what the customer wrote since) use the term, per team and language when ' +
          'given. `rising` compares with the period of the same length just before. Each term’s `term` ' +
          'lists exactly those messages as GET /api/v1/messages?view=all&word=…&from&to&teamId&locale.',
        querystring: WordsQuerySchema,
        response: {
          200: WordsSchema,
          ...errorResponses({ 400: 'Invalid query or period', 401: 'Not signed in', 403: 'Not a manager' }),
        },
      },
    },
    async (request) => wordsForPeriod(fastify.db, request.query),
  );
}
