// Limits that a customer's page can meet without losing what was typed: the route asks whether a
// request is over its budgets and answers in its own way (the hosted form and the tracking page
// render themselves again with the text kept), or uses `hook`, which answers 429 in the API's shape.
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { CreateRateLimitOptions } from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { HttpError } from './errors.ts';

export interface Limiter {
  /** Counts the request against every budget; resolves to the seconds to wait when one is spent. */
  exceeded(request: FastifyRequest): Promise<number | undefined>;
  /** The same as an onRequest hook answering 429 with Retry-After and `message`. */
  hook: onRequestAsyncHookHandler;
}

declare module 'fastify' {
  interface FastifyInstance {
    limiter(budgets: CreateRateLimitOptions[], message: string): Limiter;
  }
}

export default fp(
  async (fastify) => {
    fastify.decorate('limiter', (budgets: CreateRateLimitOptions[], message: string): Limiter => {
      const checks = budgets.map((budget) => fastify.createRateLimit(budget));
      async function exceeded(request: FastifyRequest): Promise<number | undefined> {
        for (const check of checks) {
          const result = await check(request);
          if (!result.isAllowed && result.isExceeded) return result.ttlInSeconds;
        }
        return undefined;
      }
      return {
        exceeded,
        hook: async (request, reply) => {
          const retryAfter = await exceeded(request);
          if (retryAfter === undefined) return;
          reply.header('retry-after', String(retryAfter));
          throw new HttpError(429, 'rate_limited', message);
        },
      };
    });
  },
  { name: 'limits', dependencies: ['rate-limit'] },
);
