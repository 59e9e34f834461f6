// One error shape for every response: { error: { code, message, fields? } }. 5xx details stay in the logs.
import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiError } from '@ecoute/shared/contract';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const CODES: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  409: 'conflict',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
};

export function errorBody(code: string, message: string, fields?: Record<string, string>): ApiError {
  return { error: fields ? { code, message, fields } : { code, message } };
}

/** Ajv's errors → `{ field: problem }`, naming the field the way the client sent it. */
export function fieldErrors(validation: NonNullable<FastifyError['validation']>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of validation) {
    const missing = (issue.params as { missingProperty?: string }).missingProperty;
    const path = issue.instancePath.split('/').filter(Boolean);
    // A missing property is reported on its object: name it in full (`commitments.0.dueOn`).
    const field = (missing ? [...path, missing] : path).join('.') || 'body';
    fields[field] ??= missing ? 'is required' : (issue.message ?? 'is invalid');
  }
  return fields;
}

export default fp(
  async (fastify) => {
    fastify.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
      if (error instanceof HttpError) {
        return reply.code(error.statusCode).send(errorBody(error.code, error.message));
      }
      if ('validation' in error && error.validation) {
        return reply
          .code(400)
          .send(errorBody('invalid_request', 'Some fields are missing or invalid.', fieldErrors(error.validation)));
      }
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'request failed');
        return reply.code(500).send(errorBody('internal_error', 'Something went wrong on our side. Please try again.'));
      }
      if (status === 415) {
        return reply
          .code(415)
          .send(
            errorBody(
              'unsupported_media_type',
              'Send JSON (application/json); customer forms may also post application/x-www-form-urlencoded.',
            ),
          );
      }
      if (status === 413) {
        return reply.code(413).send(errorBody('payload_too_large', 'The request is too large.'));
      }
      if (status === 429) {
        return reply
          .code(429)
          .send(errorBody('rate_limited', 'Too many requests: please wait a moment and try again.'));
      }
      return reply.code(status).send(errorBody(CODES[status] ?? 'invalid_request', error.message));
    });

    fastify.setNotFoundHandler({ preHandler: fastify.rateLimit() }, (_request, reply) =>
      reply.code(404).send(errorBody('not_found', 'There is nothing at this address.')),
    );
  },
  { name: 'errors', dependencies: ['rate-limit'] },
);
