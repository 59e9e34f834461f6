// Submission rate limits, generous for people: one budget per client IP and one per form, shared
// by the API and the hosted form. The client IP honours ECOUTE_TRUST_PROXY (Fastify's trustProxy).
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts a submission; resolves to the seconds to wait when over a limit. */
    submissionLimitExceeded(request: FastifyRequest): Promise<number | undefined>;
    /** The same as an onRequest hook answering 429 with Retry-After. */
    limitSubmissions: onRequestAsyncHookHandler;
  }
}

export default fp(
  async (fastify) => {
    const { perIp, perForm, windowMs } = fastify.config.submitLimits;
    const limits = [
      fastify.createRateLimit({ max: perIp, timeWindow: windowMs }),
      fastify.createRateLimit({
        max: perForm,
        timeWindow: windowMs,
        keyGenerator: (request: FastifyRequest) => (request.params as { formKey?: string }).formKey ?? '',
      }),
    ];
    async function submissionLimitExceeded(request: FastifyRequest): Promise<number | undefined> {
      for (const limit of limits) {
        const result = await limit(request);
        if (!result.isAllowed && result.isExceeded) return result.ttlInSeconds;
      }
      return undefined;
    }
    fastify.decorate('submissionLimitExceeded', submissionLimitExceeded);
    fastify.decorate('limitSubmissions', async function limitSubmissions(request, reply) {
      const retryAfter = await submissionLimitExceeded(request);
      if (retryAfter !== undefined) {
        reply.header('retry-after', String(retryAfter));
        throw new HttpError(429, 'rate_limited', 'Too many messages at once: please wait a moment and send again.');
      }
    } satisfies onRequestAsyncHookHandler);
  },
  { name: 'submit-limits', dependencies: ['rate-limit'] },
);
