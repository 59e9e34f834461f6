// Commitments made in replies: the open and overdue lists, and keeping or dropping one (the customer
// reads the outcome on their tracking page).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CommitmentListQuerySchema,
  CommitmentListSchema,
  CommitmentResultSchema,
  DropInputSchema,
  FulfilInputSchema,
} from '@ecoute/shared/agent-contract';
import { findCommitments } from '../../db/commitments.repo.ts';
import { toCommitment } from '../../domain/agent-views.ts';
import { dropCommitment } from '../../domain/drop-commitment.ts';
import { fulfilCommitment } from '../../domain/fulfil-commitment.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { IdParamsSchema } from '../../http/params.ts';

export default async function commitmentRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  fastify.requireRoleForAll('agent');

  fastify.get(
    '/commitments',
    {
      schema: {
        operationId: 'listCommitments',
        tags: ['commitments'],
        summary: 'Open (or only overdue) commitments, soonest due first',
        querystring: CommitmentListQuerySchema,
        response: { 200: CommitmentListSchema, ...errorResponses({ 400: 'Invalid query', 401: 'Not signed in' }) },
      },
    },
    async (request) => {
      const { status = 'open', owner } = request.query;
      const rows = await findCommitments(fastify.db, {
        status,
        ownerId: owner === 'me' ? request.agent!.user.id : undefined,
      });
      return { items: rows.map(toCommitment) };
    },
  );

  const resolutions = [
    {
      path: 'fulfil',
      operationId: 'fulfilCommitment',
      action: fulfilCommitment,
      body: FulfilInputSchema,
      summary: 'Keep a commitment: say what was done',
    },
    {
      path: 'drop',
      operationId: 'dropCommitment',
      action: dropCommitment,
      body: DropInputSchema,
      summary: 'Drop a commitment: say why',
    },
  ] as const;
  for (const resolution of resolutions) {
    fastify.post(
      `/commitments/:id/${resolution.path}`,
      {
        schema: {
          operationId: resolution.operationId,
          tags: ['commitments'],
          summary: resolution.summary,
          params: IdParamsSchema,
          body: resolution.body,
          response: {
            200: CommitmentResultSchema,
            ...errorResponses({
              400: 'Invalid fields',
              401: 'Not signed in',
              403: 'Missing or wrong CSRF token',
              404: 'Unknown commitment',
              409: 'The commitment is no longer open',
            }),
          },
        },
      },
      async (request) => {
        const body = request.body as { outcome?: string; reason?: string };
        const { commitment, status } = await resolution.action(fastify.db, {
          commitmentId: request.params.id,
          actor: request.agent!.user,
          text: (body.outcome ?? body.reason)!,
          outbox: fastify.outbox,
        });
        return { commitment: toCommitment(commitment), status };
      },
    );
  }
}
