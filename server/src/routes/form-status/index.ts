// A form's public status: whether it exists and takes messages from a given page. The widget asks
// when a submission fails without a readable answer, because only Ecoute's explicit "no" may end its
// retries: a network error, a proxy's 502 without CORS headers and a CORS refusal all look alike.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FormStatusSchema } from '@ecoute/shared/contract';
import { ORIGIN_PATTERN } from '@ecoute/shared/origins';
import { formTakesOrigin } from '../../http/accepts-origin.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { HttpError } from '../../plugins/app/errors.ts';
import { FORM_CACHE_TTL_MS } from '../../plugins/app/forms.ts';

/** As long as the forms cache may itself be stale: an admin's change reaches the widget as fast. */
const MAX_AGE_S = FORM_CACHE_TTL_MS / 1000;

export default async function formStatusRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  // Readable by any page, errors included (a 404 is an answer too); no credentials, so `*` is safe.
  fastify.addHook('onSend', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'Retry-After');
  });

  fastify.get(
    '/forms/:formKey/status',
    {
      config: { rateLimit: { max: 120, timeWindow: 60_000, nameSpace: 'form-status' } },
      schema: {
        operationId: 'getFormStatus',
        tags: ['customer'],
        summary: 'Whether a form exists and accepts a page',
        description:
          'Public and readable from any origin (CORS `*`, no credentials), cacheable for ' +
          `${MAX_AGE_S} s. \`acceptsOrigin: false\` and a 404 are Ecoute refusing; anything else is an outage.`,
        params: Type.Object({ formKey: Type.String({ minLength: 1, maxLength: 100 }) }),
        querystring: Type.Object({
          origin: Type.String({
            pattern: ORIGIN_PATTERN,
            maxLength: 300,
            description: 'The page’s origin, as `location.origin` says it (`https://shop.example`)',
          }),
        }),
        response: {
          200: FormStatusSchema,
          ...errorResponses({
            400: 'The origin is missing or is not an origin',
            404: 'Unknown form',
            429: 'Too many requests; see `Retry-After`',
          }),
        },
      },
    },
    async (request, reply) => {
      const { formKey } = request.params;
      const { origin } = request.query;
      const form = await fastify.formByKey(formKey);
      reply.header('cache-control', `public, max-age=${MAX_AGE_S}`);
      if (!form) throw new HttpError(404, 'form_not_found', `There is no form with the key "${formKey}".`);
      return {
        form: form.key,
        name: form.name,
        defaultLocale: form.defaultLocale,
        accent: form.accent,
        acceptsOrigin: formTakesOrigin(fastify, request, form, origin),
      };
    },
  );
}
