// CORS for the submission endpoint: a browser may post only from the form's allowed origins.
// (The submission route also refuses disallowed origins itself: CORS alone only hides responses.)
import cors from '@fastify/cors';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isOriginAllowed } from '../../db/forms.repo.ts';

const SUBMISSION_PATH = /^\/api\/v1\/forms\/([^/?]+)\/messages(?:\?|$)/;

export default fp(
  async (fastify) => {
    await fastify.register(cors, {
      hook: 'onRequest',
      delegator: async (request: FastifyRequest) => {
        const formKey = SUBMISSION_PATH.exec(request.url)?.[1];
        const origin = request.headers.origin;
        if (!formKey || !origin) return { origin: false };
        const form = await fastify.formByKey(formKey);
        return {
          origin: form !== undefined && isOriginAllowed(form, origin) ? origin : false,
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
