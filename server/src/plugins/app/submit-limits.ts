// Submission rate limits, generous for people: one budget per client IP and one per form, shared
// by the API and the hosted form. The client IP honours ECOUTE_TRUST_PROXY (Fastify's trustProxy).
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Limiter } from './limits.ts';

declare module 'fastify' {
  interface FastifyInstance {
    submissionLimits: Limiter;
  }
}

export default fp(
  async (fastify) => {
    const { perIp, perForm, windowMs } = fastify.config.submitLimits;
    fastify.decorate(
      'submissionLimits',
      fastify.limiter(
        [
          { name: 'submissions-per-ip', max: perIp, timeWindow: windowMs },
          {
            name: 'submissions-per-form',
            max: perForm,
            timeWindow: windowMs,
            keyGenerator: (request: FastifyRequest) => (request.params as { formKey?: string }).formKey ?? '',
          },
        ],
        'Too many messages at once: please wait a moment and send again.',
      ),
    );
  },
  { name: 'submit-limits', dependencies: ['limits'] },
);
