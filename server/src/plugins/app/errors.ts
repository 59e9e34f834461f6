// One error shape for every response: { error: { code, message, fields? } }. 5xx details stay in the logs.
// The domain's refusals (domain/errors.ts) become HTTP statuses here and nowhere else. Pages for
// people (the hosted form, the tracking page: routes with `config: { page: true }`) answer their
// errors with a page instead.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiError } from '@ecoute/shared/contract';
import { DomainError, type DomainErrorKind } from '../../domain/errors.ts';
import { errorPage } from '../../pages/error-page.ts';
import { requestLocale } from '../../pages/request-locale.ts';

/** An HTTP-level refusal by a route or a plugin (not signed in, wrong origin…); the domain throws DomainError. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Each kind of domain refusal on the wire (clients and tests rely on these statuses). */
const DOMAIN_STATUS: Record<DomainErrorKind, number> = {
  not_found: 404,
  invalid_input: 400,
  invalid_transition: 409,
  conflict: 409,
  idempotency_key_reused: 422,
  conversation_changed: 409,
};

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
    // The request's body as a whole is `request`: `body` is the message's own field.
    const field = (missing ? [...path, missing] : path).join('.') || 'request';
    fields[field] ??= missing ? 'is required' : (issue.message ?? 'is invalid');
  }
  return fields;
}

/** What an address no route answers gets. */
const NOTHING_HERE = errorBody('not_found', 'There is nothing at this address.');

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route renders HTML for people: its errors are pages too. */
    page?: boolean;
  }
}

/**
 * Addresses the router cannot read (bad percent-encoding) or will not (a parameter over
 * maxParamLength): answered before any route, hook or plugin, in the contract's shape.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    reply.code(404).send(NOTHING_HERE);
    return;
  }
  reply.code(400).send(errorBody('invalid_request', 'The address is not valid.'));
}

/** Requests Node's HTTP parser refuses (a malformed request line, a wrong Content-Length…). */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request_timeout', 'The request took too long to arrive.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', 'The request headers are too large.']
        : [400, 'invalid_request', 'The request is not valid HTTP.'];
  const body = JSON.stringify(errorBody(code, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** What a failed request answers: the status and the contract's body. */
function describe(
  error: FastifyError | HttpError | DomainError,
  request: FastifyRequest,
): { status: number; body: ApiError } {
  if (error instanceof HttpError) return { status: error.statusCode, body: errorBody(error.code, error.message) };
  if (error instanceof DomainError) {
    const body = errorBody(error.code, error.message);
    return { status: DOMAIN_STATUS[error.kind], body: { error: { ...body.error, ...error.details } } };
  }
  if ('validation' in error && error.validation) {
    const fields = fieldErrors(error.validation);
    return { status: 400, body: errorBody('invalid_request', 'Some fields are missing or invalid.', fields) };
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    return { status: 500, body: errorBody('internal_error', 'Something went wrong on our side. Please try again.') };
  }
  const message =
    {
      413: 'The request is too large.',
      415: 'Send JSON (application/json); customer forms may also post application/x-www-form-urlencoded.',
      429: 'Too many requests: please wait a moment and try again.',
    }[status] ?? error.message;
  return { status, body: errorBody(CODES[status] ?? 'invalid_request', message) };
}

export default fp(
  async (fastify) => {
    fastify.setErrorHandler((error: FastifyError | HttpError | DomainError, request, reply) => {
      const { status, body } = describe(error, request);
      if (request.routeOptions.config.page) {
        return reply
          .code(status)
          .type('text/html; charset=utf-8')
          .send(errorPage(requestLocale(request, 'en'), status));
      }
      return reply.code(status).send(body);
    });

    fastify.setNotFoundHandler({ preHandler: fastify.rateLimit() }, (_request, reply) =>
      reply.code(404).send(NOTHING_HERE),
    );
  },
  { name: 'errors', dependencies: ['rate-limit'] },
);
