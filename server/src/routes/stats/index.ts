// The managers' dashboard: GET /stats/overview, as JSON or as CSV (Accept: text/csv or ?format=csv),
// both from the same overview, so the summary, the charts and the CSV cannot disagree.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { StatsOverviewQuerySchema, StatsOverviewSchema } from '@ecoute/shared/stats-contract';
import { overviewCsv, statsForPeriod } from '../../domain/stats-overview.ts';
import { errorResponses } from '../../http/error-responses.ts';

/** Whether the Accept header names text/csv before (or without) JSON. */
function prefersCsv(accept: string | undefined): boolean {
  const types = (accept ?? '').split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json);
}

export default async function statsRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  fastify.requireRoleForAll('manager');

  fastify.get(
    '/stats/overview',
    {
      schema: {
        operationId: 'statsOverview',
        tags: ['stats'],
        summary: 'The dashboard: unanswered now, answer rate, times against targets, commitments (managers)',
        description:
          'Each number is `{ value, link }`: `link` is the inbox filtered to exactly the messages behind it. ' +
          'With `Accept: text/csv` or `format=csv`, the same numbers as CSV (`section,subject,metric,value,link`). ' +
          'The definitions are in the README, "Numbers on the dashboard".',
        querystring: StatsOverviewQuerySchema,
        response: {
          200: Type.Union([StatsOverviewSchema, Type.String({ description: 'CSV' })]),
          ...errorResponses({ 400: 'Invalid query', 401: 'Not signed in', 403: 'Not a manager or an admin' }),
        },
      },
    },
    async (request, reply) => {
      const { format, ...input } = request.query;
      const overview = await statsForPeriod(fastify.db, input);
      const csv = format === 'csv' || prefersCsv(request.headers.accept);
      if (!csv) return overview;
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="ecoute-${overview.period.from}-${overview.period.to}.csv"`,
        )
        .header('cache-control', 'private, no-store')
        .send(overviewCsv(overview));
    },
  );
}
