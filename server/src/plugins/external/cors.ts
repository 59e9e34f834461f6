// CORS for the submission endpoint: a browser may post only from the form's allowed origins.
// (The submission route also refuses disallowed origins itself: CORS alone only hides responses.)
import cors from '@fastify/cors';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isOriginAllowed } from '../../db/forms.repo.ts'; // eslint-disable-line import-x/no-restricted-paths -- fixed on the widget branch

const SUBMISSION_PATH = /^\/api\/v1\/forms\/([^/?]+)\/messages(?:\?|$)/;

/** The form key of a submission URL, decoded as the route decodes it (`sh%6Fp` is `shop`). */
function formKeyOf(url: string): string | undefined {
  const encoded = SUBMISSION_PATH.exec(url)?.[1];
  try {
    return encoded === undefined ? undefined : decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

export default fp(
  async (fastify) => {
    await fastify.register(cors, {
      hook: 'onRequest',
      delegator: async (request: FastifyRequest) => {
        const formKey = formKeyOf(request.url);
        const origin = request.headers.origin;
        if (!formKey || !origin) return { origin: false };
        // When the form cannot be looked up (the database is down), the origin goes through: the
        // route refuses disallowed origins itself, and the widget must see the 5xx to retry later.
        const form = await fastify.formByKey(formKey).catch(() => null);
        return {
          origin: form === null || (form !== undefined && isOriginAllowed(form, origin)) ? origin : false,
          methods: ['POST'],
          allowedHeaders: ['Content-Type', 'Idempotency-Key'],
          exposedHeaders: ['Retry-After', 'Idempotent-Replayed'],
          maxAge: 600,
        };
      },
    });
  },
  { name: 'cors', dependencies: ['forms'] },
);
