// Reply templates: every agent reads them, managers write them.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { TemplateChangeSchema, TemplateInputSchema, TemplateSchema } from '@ecoute/shared/agent-contract';
import { createTemplate, deleteTemplate, listTemplates, toTemplate, updateTemplate } from '../../db/templates.repo.ts';
import { TEMPLATE_VARIABLES, unknownPlaceholders } from '@ecoute/shared/templates';
import { HttpError } from '../../plugins/app/errors.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { IdParamsSchema } from '../../http/params.ts';

const WRITE_ERRORS = {
  400: 'Invalid fields',
  401: 'Not signed in',
  403: 'Not a manager, or missing CSRF token',
} as const;

const VARIABLES_DOC = `Variables: ${TEMPLATE_VARIABLES.map((variable) => `\`{{${variable}}}\``).join(', ')}. Anything else between \`{{ }}\` is refused.`;

/** A template keeps no placeholder that no message could fill: it would reach a customer as typed. */
function ensureKnownVariables(body: string | undefined): void {
  const unknown = unknownPlaceholders(body ?? '');
  if (unknown.length > 0) {
    throw new HttpError(
      400,
      'unknown_variable',
      `body: ${unknown.join(', ')} is not a variable. Variables: ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}.`,
    );
  }
}

export default async function templateRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();

  fastify.get(
    '/templates',
    {
      onRequest: fastify.requireRole('agent'),
      schema: {
        operationId: 'listTemplates',
        tags: ['templates'],
        summary: 'List reply templates',
        response: {
          200: Type.Object({ items: Type.Array(TemplateSchema) }),
          ...errorResponses({ 401: 'Not signed in' }),
        },
      },
    },
    async () => ({ items: (await listTemplates(fastify.db)).map(toTemplate) }),
  );

  fastify.post(
    '/templates',
    {
      onRequest: fastify.requireRole('manager'),
      schema: {
        operationId: 'createTemplate',
        tags: ['templates'],
        summary: 'Create a reply template (manager)',
        description: VARIABLES_DOC,
        body: TemplateInputSchema,
        response: { 201: TemplateSchema, ...errorResponses(WRITE_ERRORS) },
      },
    },
    async (request, reply) => {
      ensureKnownVariables(request.body.body);
      return reply.code(201).send(toTemplate(await createTemplate(fastify.db, request.body)));
    },
  );

  fastify.patch(
    '/templates/:id',
    {
      onRequest: fastify.requireRole('manager'),
      schema: {
        operationId: 'updateTemplate',
        tags: ['templates'],
        summary: 'Change a reply template (manager)',
        description: VARIABLES_DOC,
        params: IdParamsSchema,
        body: TemplateChangeSchema,
        response: { 200: TemplateSchema, ...errorResponses({ ...WRITE_ERRORS, 404: 'Unknown template' }) },
      },
    },
    async (request) => {
      ensureKnownVariables(request.body.body);
      const row = await updateTemplate(fastify.db, request.params.id, request.body);
      if (!row) throw new HttpError(404, 'not_found', 'There is no such template.');
      return toTemplate(row);
    },
  );

  fastify.delete(
    '/templates/:id',
    {
      onRequest: fastify.requireRole('manager'),
      schema: {
        operationId: 'deleteTemplate',
        tags: ['templates'],
        summary: 'Delete a reply template (manager)',
        params: IdParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses({ ...WRITE_ERRORS, 404: 'Unknown template' }) },
      },
    },
    async (request, reply) => {
      if (!(await deleteTemplate(fastify.db, request.params.id))) {
        throw new HttpError(404, 'not_found', 'There is no such template.');
      }
      return reply.code(204).send(null);
    },
  );
}
