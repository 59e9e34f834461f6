// Whether a browser's request may post to a form: the submission API, the hosted form and the form's
// public status answer alike.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isOriginAllowed } from '@ecoute/shared/origins';
import type { Form } from '../db/schema/index.ts';

/** Whether a page at `origin` may post to `form`: its own allowed sites, and Ecoute's own pages. */
export function formTakesOrigin(
  fastify: FastifyInstance,
  request: FastifyRequest,
  form: Form,
  origin: string,
): boolean {
  const ownOrigin =
    origin === new URL(fastify.config.publicUrl).origin || origin === `${request.protocol}://${request.host}`;
  return ownOrigin || isOriginAllowed(form.allowedOrigins, origin);
}

/** Browsers send Origin: a form only takes messages from its own allowed sites (and from us). */
export function acceptsOrigin(fastify: FastifyInstance, request: FastifyRequest, form: Form): boolean {
  const origin = request.headers.origin;
  // Our own pages send no Referer, so their form posts carry `Origin: null`: Sec-Fetch-Site tells.
  if (!origin || request.headers['sec-fetch-site'] === 'same-origin') return true;
  return formTakesOrigin(fastify, request, form, origin);
}
