// Limits that a customer's page can meet without losing what was typed: the route asks whether a
// request is over its budgets and answers in its own way (the hosted form and the tracking page
// render themselves again with the text kept), or uses `hook`, which answers 429 in the API's shape.
// The counters are the database's (rate-limit-store.ts): every process spends the same budgets.
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { CreateRateLimitOptions } from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { deleteEndedWindows } from '../../db/rate-limits.repo.ts';
import { HttpError } from './errors.ts';
import type { NamedBudget } from './rate-limit-store.ts';

/** A budget: `name` keeps its counters apart from every other budget's, and the same across restarts. */
export type Budget = CreateRateLimitOptions & { name: string };

/** Ended windows are deleted this often (by each process: the delete is one index range scan). */
const SWEEP_INTERVAL_MS = 60_000;

export interface Limiter {
  /**
   * Counts the request against every budget (unless `count` is false: then it only looks whether
   * one is already spent, as before trying a password whose failures alone count); resolves to the
   * seconds to wait when one is spent.
   */
  exceeded(request: FastifyRequest, options?: { count?: boolean }): Promise<number | undefined>;
  /** The same as a hook answering 429 with Retry-After and `message`. */
  hook: onRequestAsyncHookHandler;
  /** A hook answering 429 when a budget is spent, without counting this request. */
  guard: onRequestAsyncHookHandler;
}

declare module 'fastify' {
  interface FastifyInstance {
    limiter(budgets: Budget[], message: string): Limiter;
  }
}

export default fp(
  async (fastify) => {
    const sweeper = setInterval(() => {
      deleteEndedWindows(fastify.db).catch((err: unknown) =>
        fastify.log.warn({ err }, 'could not delete ended rate-limit windows'),
      );
    }, SWEEP_INTERVAL_MS).unref();
    fastify.addHook('onClose', async () => clearInterval(sweeper));

    fastify.decorate('limiter', (budgets: Budget[], message: string): Limiter => {
      const checks = budgets.map(({ name, ...budget }) => {
        const options: CreateRateLimitOptions & NamedBudget = { ...budget, nameSpace: name };
        return fastify.createRateLimit(options);
      });
      async function exceeded(request: FastifyRequest, { count = true } = {}): Promise<number | undefined> {
        for (const check of checks) {
          const result = await check(request, { increment: count });
          if (result.isAllowed) continue; // on the allow list
          if (count ? result.isExceeded : result.remaining === 0) return result.ttlInSeconds;
        }
        return undefined;
      }
      const refuse = (count: boolean): onRequestAsyncHookHandler =>
        async function (request, reply) {
          const retryAfter = await exceeded(request, { count });
          if (retryAfter === undefined) return;
          reply.header('retry-after', String(retryAfter));
          throw new HttpError(429, 'rate_limited', message);
        };
      return { exceeded, hook: refuse(true), guard: refuse(false) };
    });
  },
  { name: 'limits', dependencies: ['rate-limit', 'database'] },
);
