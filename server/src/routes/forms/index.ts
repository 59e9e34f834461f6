// Forms as admins set them: key, name, allowed origins, default language, acknowledgement words and
// accent. Managers may read them (agents, the list of names); only admins write. A change is seen by this process at once and by
// the others within the forms cache's bound (plugins/app/forms.ts).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  FormChangeSchema,
  FormInputSchema,
  FormListSchema,
  FormSettingsSchema,
  type FormSettings,
} from '@ecoute/shared/agent-contract';
import { hasRole } from '@ecoute/shared/agent-values';
import { findFormById, listForms, type FormWithCount } from '../../db/forms.repo.ts';
import { createForm } from '../../domain/create-form.ts';
import { deleteForm } from '../../domain/delete-form.ts';
import { updateForm } from '../../domain/update-form.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { IdParamsSchema } from '../../http/params.ts';
import { HttpError } from '../../plugins/app/errors.ts';

const WRITE_ERRORS = {
  400: 'Invalid fields (`fields` names each: `allowedOrigins.0`, `accent`, `acknowledgements.fr`…)',
  401: 'Not signed in',
  403: 'Not an admin, or missing CSRF token',
} as const;

const SETTINGS_DOC =
  'Allowed origins are compared exactly with what browsers send (`https://shop.example`; `*`: any page). ' +
  'Acknowledgements may say `{{name}}` and `{{reference}}`; Ecoute adds the tracking link. The accent is ' +
  '`#rgb` or `#rrggbb`, dark enough for white text (4.5:1). Other processes see a change within 3 seconds.';

function toFormSettings(form: FormWithCount): FormSettings {
  return {
    id: form.id,
    key: form.key,
    name: form.name,
    allowedOrigins: form.allowedOrigins,
    defaultLocale: form.defaultLocale,
    acknowledgements: { fr: form.acknowledgements.fr ?? null, en: form.acknowledgements.en ?? null },
    accent: form.accent,
    archived: form.archivedAt !== null,
    messageCount: form.messageCount,
    createdAt: form.createdAt.toISOString(),
    updatedAt: form.updatedAt.toISOString(),
  };
}

export default async function formRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();

  async function settingsOf(id: string): Promise<FormSettings> {
    const form = await findFormById(fastify.db, id);
    if (!form) throw new HttpError(404, 'not_found', 'There is no such form.');
    return toFormSettings(form);
  }

  fastify.get(
    '/forms',
    {
      onRequest: fastify.requireRole('agent'),
      schema: {
        operationId: 'listForms',
        tags: ['forms'],
        summary: 'List forms',
        description:
          'Managers and admins get every form’s settings; agents get references (id, key, name, archived), ' +
          'to filter the inbox by form.',
        response: { 200: FormListSchema, ...errorResponses({ 401: 'Not signed in' }) },
      },
    },
    async (request) => {
      const forms = await listForms(fastify.db);
      if (hasRole(request.agent!.user.role, 'manager')) return { items: forms.map(toFormSettings) };
      return {
        items: forms.map(({ id, key, name, archivedAt }) => ({ id, key, name, archived: archivedAt !== null })),
      };
    },
  );

  fastify.get(
    '/forms/:id',
    {
      onRequest: fastify.requireRole('manager'),
      schema: {
        operationId: 'getForm',
        tags: ['forms'],
        summary: 'Read a form (manager)',
        params: IdParamsSchema,
        response: {
          200: FormSettingsSchema,
          ...errorResponses({ 400: 'Not a form id', 401: 'Not signed in', 403: 'Not a manager', 404: 'Unknown form' }),
        },
      },
    },
    async (request) => settingsOf(request.params.id),
  );

  fastify.post(
    '/forms',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'createForm',
        tags: ['forms'],
        summary: 'Create a form (admin)',
        description: SETTINGS_DOC,
        body: FormInputSchema,
        response: {
          201: FormSettingsSchema,
          ...errorResponses({ ...WRITE_ERRORS, 409: 'Another form has this key (`form_key_taken`)' }),
        },
      },
    },
    async (request, reply) => {
      const form = await createForm(fastify.db, request.body);
      // Asked for before it existed (a preview, a page already pasted): not found is forgotten too.
      fastify.forgetForms(form.key);
      return reply.code(201).send(toFormSettings({ ...form, messageCount: 0 }));
    },
  );

  fastify.patch(
    '/forms/:id',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'updateForm',
        tags: ['forms'],
        summary: 'Change or archive a form (admin)',
        description:
          `${SETTINGS_DOC} The key cannot change once the form has messages (\`form_key_locked\`). ` +
          '`archived: true` stops new messages (the hosted form, the widget and the API answer as for an unknown form); its messages stay.',
        params: IdParamsSchema,
        body: FormChangeSchema,
        response: {
          200: FormSettingsSchema,
          ...errorResponses({
            ...WRITE_ERRORS,
            404: 'Unknown form',
            409: 'The key is taken (`form_key_taken`), or cannot change: the form has messages (`form_key_locked`)',
          }),
        },
      },
    },
    async (request) => {
      const { form, previousKey } = await updateForm(fastify.db, { id: request.params.id, change: request.body });
      fastify.forgetForms(form.key, previousKey);
      return settingsOf(form.id);
    },
  );

  fastify.delete(
    '/forms/:id',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'deleteForm',
        tags: ['forms'],
        summary: 'Delete a form without messages (admin)',
        description: 'A form with messages is refused (`form_has_messages`): archive it instead.',
        params: IdParamsSchema,
        response: {
          204: { type: 'null' },
          ...errorResponses({ ...WRITE_ERRORS, 404: 'Unknown form', 409: 'The form has messages: archive it' }),
        },
      },
    },
    async (request, reply) => {
      const form = await deleteForm(fastify.db, { id: request.params.id });
      fastify.forgetForms(form.key);
      return reply.code(204).send(null);
    },
  );
}
