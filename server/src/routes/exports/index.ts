// CSV exports for managers: messages with their times, and commitments, for any period, streamed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ExportQuerySchema, type ExportQuery } from '@ecoute/shared/exports';
import { exportCommitmentsCsv, exportMessagesCsv, type CsvExport } from '../../domain/export-csv.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { requestLocale } from '../../pages/request-locale.ts';

const CSV_RESPONSES = {
  200: {
    description: 'UTF-8 CSV with a BOM and a header row; times in ISO 8601, UTC',
    content: { 'text/csv': { schema: Type.String() } },
  },
  ...errorResponses({
    400: 'Invalid query: a day that is not YYYY-MM-DD, a period that ends before it starts, an unknown team',
    401: 'Not signed in',
    403: 'Not a manager or an admin',
  }),
};

const DESCRIPTION =
  'Oldest first, read page by page as the client downloads. `;` separates French files, `,` English ones ' +
  "(`locale`, else the browser’s language). Cells a spreadsheet would run as a formula start with `'`.";

function sendCsv(reply: FastifyReply, { filename, stream }: CsvExport) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'private, no-store')
    .send(stream);
}

export default async function exportRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  fastify.requireRoleForAll('manager');

  const requestOf = (request: FastifyRequest) => {
    const { locale, ...filters } = request.query as ExportQuery;
    return { filters, locale: locale ?? requestLocale(request, 'en') };
  };

  fastify.get(
    '/exports/messages.csv',
    {
      schema: {
        operationId: 'exportMessages',
        tags: ['exports'],
        summary: 'Messages received in a period, with their times, status, team and assignee (CSV)',
        description: DESCRIPTION,
        querystring: ExportQuerySchema,
        response: CSV_RESPONSES,
      },
    },
    async (request, reply) => sendCsv(reply, await exportMessagesCsv(fastify.db, requestOf(request))),
  );

  fastify.get(
    '/exports/commitments.csv',
    {
      schema: {
        operationId: 'exportCommitments',
        tags: ['exports'],
        summary: 'Commitments made in a period, with their message, owner, due date and what became of them (CSV)',
        description: DESCRIPTION,
        querystring: ExportQuerySchema,
        response: CSV_RESPONSES,
      },
    },
    async (request, reply) => sendCsv(reply, await exportCommitmentsCsv(fastify.db, requestOf(request))),
  );
}
