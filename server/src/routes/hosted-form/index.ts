// The hosted form /f/{formKey}: the same submission as the API, for browsers without JavaScript.
// Success is a 303 to the tracking page; a problem re-renders the form with everything typed kept.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Value } from 'typebox/value';
import { IdempotencyKeySchema, SubmissionSchema } from '@ecoute/shared/contract';
import { normalizeLocale } from '@ecoute/shared/locale';
import { submitMessage } from '../../domain/submit-message.ts';
import { fieldErrors } from '../../plugins/app/errors.ts';
import { hostedFormPage } from '../../pages/hosted-form-page.ts';
import { errorPage } from '../../pages/error-page.ts';
import { requestLocale } from '../../pages/request-locale.ts';
import { CUSTOMER_STRINGS as STRINGS } from '@ecoute/shared/customer-strings';
import { newSecret } from '../../security/secrets.ts';
import { acceptsOrigin } from '../../http/accepts-origin.ts';
import { prepareBody } from '../../http/prepare-body.ts';

const { fillMs: _fillMs, ...submissionFields } = SubmissionSchema.properties;
const HostedSubmissionSchema = Type.Object({
  ...submissionFields,
  /** When the server rendered the form (ms since epoch): how fast it was filled is a spam signal. */
  renderedAt: Type.Optional(Type.Integer({ minimum: 0 })),
  /** The page's idempotency key (hostedFormPage). */
  submissionKey: Type.Optional(IdempotencyKeySchema),
});
// Any string: a malformed key is simply unknown (a 404 page), like any other wrong link.
const PageParamsSchema = Type.Object({ formKey: Type.String() });

export default async function hostedFormRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();

  fastify.get(
    '/f/:formKey',
    {
      config: { page: true },
      schema: {
        hide: true,
        params: PageParamsSchema,
        querystring: Type.Object({ lang: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      reply.type('text/html; charset=utf-8');
      const form = await fastify.formByKey(request.params.formKey);
      if (!form) return reply.code(404).send(errorPage(requestLocale(request, 'en'), 404));
      return hostedFormPage({
        formKey: form.key,
        formName: form.name,
        accent: form.accent,
        locale: requestLocale(request, form.defaultLocale),
        renderedAt: Date.now(),
        submissionKey: newSecret(),
      });
    },
  );

  fastify.post(
    '/f/:formKey',
    {
      config: { page: true },
      attachValidation: true,
      preValidation: prepareBody,
      schema: { hide: true, params: PageParamsSchema, body: HostedSubmissionSchema },
    },
    async (request, reply) => {
      reply.type('text/html; charset=utf-8');
      const form = await fastify.formByKey(request.params.formKey);
      if (!form) return reply.code(404).send(errorPage(requestLocale(request, 'en'), 404));
      const raw = (request.body ?? {}) as Record<string, unknown>;
      const locale = normalizeLocale(typeof raw.locale === 'string' ? raw.locale : undefined) ?? form.defaultLocale;
      const again = (status: number, extra: { fields?: Record<string, string>; error: string }) =>
        reply.code(status).send(
          hostedFormPage({
            formKey: form.key,
            formName: form.name,
            accent: form.accent,
            locale,
            // The first rendering's time, kept: correcting a field quickly is not filling the form fast.
            renderedAt: typeof raw.renderedAt === 'number' ? raw.renderedAt : Date.now(),
            submissionKey: Value.Check(IdempotencyKeySchema, raw.submissionKey) ? raw.submissionKey : newSecret(),
            values: { body: text(raw.body), name: text(raw.name), email: text(raw.email) },
            ...extra,
          }),
        );

      // Posted by another site's page that the form does not accept: nothing is stored, but the
      // customer gets the form back, filled in, to send from here.
      if (!acceptsOrigin(fastify, request, form)) return again(403, { error: STRINGS[locale].otherSite });
      if (request.validationError) {
        const problems = STRINGS[locale].problems;
        const fields = Object.fromEntries(
          Object.keys(fieldErrors(request.validationError.validation ?? [])).map((field) => [
            field,
            problems[field as keyof typeof problems] ?? problems.other,
          ]),
        );
        return again(400, { fields, error: STRINGS[locale].invalid });
      }
      const retryAfter = await fastify.submissionLimits.exceeded(request);
      if (retryAfter !== undefined) {
        reply.header('retry-after', String(retryAfter));
        return again(429, { error: STRINGS[locale].limited });
      }
      const { renderedAt, submissionKey, ...submission } = request.body;
      const routing = await fastify.routingRules();
      const send = (idempotencyKey: string | undefined) =>
        submitMessage(fastify.db, {
          form,
          submission: {
            ...submission,
            ...(renderedAt !== undefined && { fillMs: Math.max(0, Date.now() - renderedAt) }),
          },
          idempotencyKey,
          publicUrl: fastify.config.publicUrl,
          outbox: fastify.outbox,
          routing,
        });
      // The same page sent again is one message; other words from it (the customer went back and
      // wrote more) are a new one.
      let outcome = await send(submissionKey);
      if (outcome.kind === 'idempotency_mismatch') outcome = await send(undefined);
      if (outcome.kind === 'idempotency_mismatch') throw new Error('A submission without a key cannot mismatch');
      return reply.redirect(`/t/${outcome.trackingToken}`, 303);
    },
  );
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
