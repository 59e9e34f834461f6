// Whether a browser's request may post to a form: the submission API and the hosted form ask alike.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isOriginAllowed } from '../db/forms.repo.ts';
import type { Form } from '../db/schema/index.ts';

/** Browsers send Origin: a form only takes messages from its own allowed sites (and from us). */
export function acceptsOrigin(fastify: FastifyInstance, request: FastifyRequest, form: Form): boolean {
  const origin = request.headers.origin;
  // Our own pages send no Referer, so their form posts carry `Origin: null`: Sec-Fetch-Site tells.
  if (!origin || request.headers['sec-fetch-site'] === 'same-origin') return true;
  const ownOrigin =
    origin === new URL(fastify.config.publicUrl).origin || origin === `${request.protocol}://${request.host}`;
  return ownOrigin || isOriginAllowed(form, origin);
}
