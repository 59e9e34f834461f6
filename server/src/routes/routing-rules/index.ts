// Routing rules, an ordered list: everyone reads them, admins and managers write them and preview what
// a draft (or the whole list) would have done to the newest messages.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  RoutingPreviewInputSchema,
  RoutingPreviewSchema,
  RoutingRuleInputSchema,
  RoutingRuleListSchema,
  RoutingRuleSchema,
  type RoutingRuleView,
} from '@ecoute/shared/agent-contract';
import { deleteRoutingRule, listRoutingRules } from '../../db/routing-rules.repo.ts';
import type { RoutingRuleRow } from '../../db/schema/index.ts';
import { previewRouting } from '../../domain/preview-routing.ts';
import { saveRoutingRule } from '../../domain/save-routing-rule.ts';
import { HttpError } from '../../plugins/app/errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { IdParamsSchema } from '../../http/params.ts';

const WRITE_ERRORS = {
  400: 'Invalid fields, or a team, person or form that does not exist',
  401: 'Not signed in',
  403: 'Not a manager, or missing CSRF token',
} as const;

function toRule(rule: RoutingRuleRow): RoutingRuleView {
  return {
    id: rule.id,
    name: rule.name,
    position: rule.position,
    match: rule.match,
    conditions: rule.conditions,
    actions: rule.actions,
    stop: rule.stop,
    updatedAt: rule.updatedAt.toISOString(),
  };
}

const noRule = () => new HttpError(404, 'not_found', 'There is no such routing rule.');

export default async function routingRuleRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();

  fastify.get(
    '/routing-rules',
    {
      onRequest: fastify.requireRole('agent'),
      schema: {
        operationId: 'listRoutingRules',
        tags: ['routing'],
        summary: 'List routing rules, in the order they are evaluated',
        response: { 200: RoutingRuleListSchema, ...errorResponses({ 401: 'Not signed in' }) },
      },
    },
    async () => ({ items: (await listRoutingRules(fastify.db)).map(toRule) }),
  );

  fastify.post(
    '/routing-rules',
    {
      onRequest: fastify.requireRole('manager'),
      schema: {
        operationId: 'createRoutingRule',
        tags: ['routing'],
        summary: 'Create a routing rule (manager)',
        description:
          'Rules are evaluated in order on each new message (form, email); a matching rule sets the team, adds tags, ' +
          'assigns (a person, or round-robin among the available members of the message’s team), and stops the ' +
          'evaluation if `stop`. Words and phrases match whatever their form and accents ("livraisons" matches ' +
          '"livraison"). Each process reads the rules again within 5 seconds of a change.',
        body: RoutingRuleInputSchema,
        response: { 201: RoutingRuleSchema, ...errorResponses(WRITE_ERRORS) },
      },
    },
    async (request, reply) => {
      const rule = (await saveRoutingRule(fastify.db, undefined, request.body))!;
      fastify.forgetRoutingRules();
      return reply.code(201).send(toRule(rule));
    },
  );

  fastify.put(
    '/routing-rules/:id',
    {
      onRequest: fastify.requireRole('manager'),
      schema: {
        operationId: 'updateRoutingRule',
        tags: ['routing'],
        summary: 'Change a routing rule, or move it in the order with `position` (manager)',
        params: IdParamsSchema,
        body: RoutingRuleInputSchema,
        response: { 200: RoutingRuleSchema, ...errorResponses({ ...WRITE_ERRORS, 404: 'Unknown rule' }) },
      },
    },
    async (request) => {
      const rule = await saveRoutingRule(fastify.db, request.params.id, request.body);
      if (!rule) throw noRule();
      fastify.forgetRoutingRules();
      return toRule(rule);
    },
  );

  fastify.delete(
    '/routing-rules/:id',
    {
      onRequest: fastify.requireRole('manager'),
      schema: {
        operationId: 'deleteRoutingRule',
        tags: ['routing'],
        summary: 'Delete a routing rule (manager)',
        params: IdParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses({ ...WRITE_ERRORS, 404: 'Unknown rule' }) },
      },
    },
    async (request, reply) => {
      if (!(await deleteRoutingRule(fastify.db, request.params.id))) throw noRule();
      fastify.forgetRoutingRules();
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/routing-rules/preview',
    {
      onRequest: fastify.requireRole('manager'),
      schema: {
        operationId: 'previewRoutingRules',
        tags: ['routing'],
        summary: 'What a draft rule, or the whole list, would have done to the newest 1,000 messages (manager)',
        description:
          'Changes nothing. Round-robin is shown as such: who would have been given each message depends on the moment.',
        body: RoutingPreviewInputSchema,
        response: { 200: RoutingPreviewSchema, ...errorResponses(WRITE_ERRORS) },
      },
    },
    async (request) => previewRouting(fastify.db, request.body.rule),
  );
}
