// Limits that a customer's page can meet without losing what was typed: the route asks whether a
// request is over its budgets and answers in its own way (the hosted form and the tracking page
// render themselves again with the text kept), or uses `hook`, which answers 429 in the API's shape.
// The counters are the database's: every process spends the same budgets, all of a route's counted
// in one statement (rate-limits.repo.ts). Routes that need no more than a 429 use @fastify/rate-limit's
// route option instead, over the same table (rate-limit-store.ts).
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { countHits, deleteEndedWindows, readWindows, type Window } from '../../db/rate-limits.repo.ts';
import { HttpError } from './errors.ts';

/** A budget: `name` keeps its counters apart from every other budget's, and the same across restarts. */
export interface Budget {
  name: string;
  /** Requests allowed in a window. */
  max: number;
  timeWindow: number;
  /** What is counted: the client's address unless said otherwise. */
  keyGenerator?: (request: FastifyRequest) => string;
}

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
      const countersOf = (request: FastifyRequest) =>
        budgets.map(({ name, max, timeWindow, keyGenerator }) => ({
          budget: name,
          key: keyGenerator ? keyGenerator(request) : request.ip,
          windowMs: timeWindow,
          max,
        }));
      /** The seconds to wait for the first budget spent (over `max` once counted, at `max` when only read). */
      const wait = (windows: Array<Window | undefined>, spent: (window: Window, max: number) => boolean) => {
        const index = windows.findIndex((window, at) => window && spent(window, budgets[at]!.max));
        return index === -1 ? undefined : Math.ceil(windows[index]!.ttlMs / 1000);
      };
      async function exceeded(request: FastifyRequest, { count = true } = {}): Promise<number | undefined> {
        const counters = countersOf(request);
        try {
          return count
            ? wait(await countHits(fastify.db, counters), (window, max) => window.hits > max)
            : wait(await readWindows(fastify.db, counters), (window, max) => window.hits >= max);
        } catch (err) {
          // A counter that cannot be read lets the request through: the route then fails on its own
          // with the right answer if the database is down.
          request.log.warn({ err }, 'could not count a rate-limit budget');
          return undefined;
        }
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
  { name: 'limits', dependencies: ['database'] },
);
