// The public submission endpoint: what every embedded form and integration posts to.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdempotencyKeySchema, SubmissionReceiptSchema, SubmissionSchema } from '@ecoute/shared/contract';
import { LIMITS } from '@ecoute/shared/limits';
import { submitMessage } from '../../domain/submit-message.ts';
import { HttpError } from '../../plugins/app/errors.ts';
import { acceptsOrigin } from '../../http/accepts-origin.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { prepareBody } from '../../http/prepare-body.ts';

const FormKeyParamsSchema = Type.Object({ formKey: Type.String({ minLength: 1, maxLength: 100 }) });

export default async function submissionRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();

  fastify.post(
    '/forms/:formKey/messages',
    {
      onRequest: fastify.submissionLimits.hook,
      preValidation: prepareBody,
      schema: {
        operationId: 'submitMessage',
        tags: ['customer'],
        summary: 'Send a message',
        description:
          'Stores the message durably and acknowledges it at once. Send an `Idempotency-Key` header: a retry ' +
          'with the same key returns the same message (with `Idempotent-Replayed: true`) and never creates a second one.',
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        params: FormKeyParamsSchema,
        headers: Type.Object({
          'idempotency-key': Type.Optional(IdempotencyKeySchema),
        }),
        body: SubmissionSchema,
        response: {
          201: SubmissionReceiptSchema,
          ...errorResponses({
            400: 'Invalid fields, listed in `fields`',
            403: 'A browser posted from an origin the form does not allow',
            404: 'Unknown form',
            413: `Body larger than ${LIMITS.requestBytes / 1024} KiB`,
            415: 'Neither JSON nor urlencoded',
            422: 'The idempotency key was already used for a different message',
            429: 'Too many messages; see `Retry-After`',
          }),
        },
      },
    },
    async (request, reply) => {
      const { formKey } = request.params;
      const form = await fastify.formByKey(formKey);
      if (!form) throw new HttpError(404, 'form_not_found', `There is no form with the key "${formKey}".`);
      if (!acceptsOrigin(fastify, request, form)) {
        throw new HttpError(403, 'origin_not_allowed', 'This form does not accept messages from this website.');
      }
      const outcome = await submitMessage(fastify.db, {
        form,
        submission: request.body,
        idempotencyKey: request.headers['idempotency-key'],
        publicUrl: fastify.config.publicUrl,
        outbox: fastify.outbox,
        routing: await fastify.routingRules(),
      });
      if (outcome.kind === 'idempotency_mismatch') {
        throw new HttpError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different message.',
        );
      }
      if (outcome.kind === 'replayed') reply.header('idempotent-replayed', 'true');
      return reply.code(201).header('cache-control', 'no-store').send(outcome.receipt);
    },
  );
}
