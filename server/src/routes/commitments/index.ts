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
import { findCommitment, findCommitments } from '../../db/inbox.repo.ts';
import { toCommitment } from '../../messages/agent-views.ts';
import { resolveCommitment } from '../../messages/conversation.ts';
import { errorResponses } from '../error-responses.ts';
import { IdParamsSchema } from '../users/index.ts';

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
    { path: 'fulfil', kind: 'fulfilled', body: FulfilInputSchema, summary: 'Keep a commitment: say what was done' },
    { path: 'drop', kind: 'dropped', body: DropInputSchema, summary: 'Drop a commitment: say why' },
  ] as const;
  for (const resolution of resolutions) {
    fastify.post(
      `/commitments/:id/${resolution.path}`,
      {
        schema: {
          operationId: resolution.kind === 'fulfilled' ? 'fulfilCommitment' : 'dropCommitment',
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
        const text = (body.outcome ?? body.reason)!;
        const { status } = await resolveCommitment(fastify.db, request.params.id, request.agent!.user, {
          kind: resolution.kind,
          text,
        });
        return { commitment: toCommitment((await findCommitment(fastify.db, request.params.id))!), status };
      },
    );
  }
}
