// A shared Customer Day report, for anyone holding the link (no account): the printable page and its
// JSON twin. An unknown link is a 404; a revoked one a 410 that says so.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SharedReportSchema } from '@ecoute/shared/customer-day-contract';
import { sharedReport } from '../../domain/share-customer-day.ts';
import { HttpError } from '../../plugins/app/errors.ts';
import { customerDayPage, revokedSharePage } from '../../pages/customer-day-page.ts';
import { errorPage } from '../../pages/error-page.ts';
import { requestLocale } from '../../pages/request-locale.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { privateResponse } from '../../http/private-response.ts';

// Any string: a malformed token is simply unknown (404), like any other wrong link.
const TokenParamsSchema = Type.Object({ token: Type.String() });

export default async function sharedReportRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();

  fastify.get(
    '/customer-day/:token',
    { config: { page: true }, schema: { hide: true, params: TokenParamsSchema } },
    async (request, reply) => {
      privateResponse(reply).type('text/html; charset=utf-8');
      const locale = requestLocale(request, 'fr');
      const shared = await sharedReport(fastify.db, request.params.token);
      if (shared === 'revoked') return reply.code(410).send(revokedSharePage(locale));
      if (!shared) return reply.code(404).send(errorPage(locale, 404));
      return customerDayPage({ locale, ...shared });
    },
  );

  fastify.get(
    '/api/v1/shared-reports/:token',
    {
      schema: {
        operationId: 'getSharedCustomerDayReport',
        tags: ['customer-day'],
        summary: 'A shared Customer Day report, as last published (no account needed)',
        description: 'The JSON twin of the page `/customer-day/{token}`.',
        params: TokenParamsSchema,
        response: {
          200: SharedReportSchema,
          ...errorResponses({ 404: 'Unknown link', 410: 'The link was revoked (`share_revoked`)' }),
        },
      },
    },
    async (request, reply) => {
      privateResponse(reply);
      const shared = await sharedReport(fastify.db, request.params.token);
      if (shared === 'revoked') throw new HttpError(410, 'share_revoked', 'This share link was revoked.');
      if (!shared) throw new HttpError(404, 'not_found', 'There is no report behind this link.');
      return shared;
    },
  );
}
