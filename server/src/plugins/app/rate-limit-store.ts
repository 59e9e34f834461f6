// A store for @fastify/rate-limit that keeps the counters in the database, so that a budget holds
// across every Ecoute process on it and across restarts (the library's own store is per process).
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { countHit, readWindow, type Window } from '../../db/rate-limits.repo.ts';
import type { Database } from '../../db/client.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** The options a budget gives `createRateLimit`: its name keeps its keys apart from other budgets'. */
export interface NamedBudget {
  nameSpace?: string;
}

/** The store's class, bound to `db`; the plugin builds the root store (the 404's budget) from it. */
export function databaseRateLimitStore(db: Database): FastifyRateLimitStoreCtor {
  class DatabaseStore {
    readonly #nameSpace: string;

    constructor(options: NamedBudget) {
      // The root store counts `fastify.rateLimit()` without options: the rate-limited 404.
      this.#nameSpace = options.nameSpace ?? 'plugin-default';
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      answer(countHit(db, this.#nameSpace, key, timeWindow), callback);
    }

    /** Used with `{ increment: false }`: looks whether a budget is spent without counting. */
    read(key: string, callback: Callback): void {
      answer(readWindow(db, this.#nameSpace, key), callback);
    }

    child(routeOptions: NamedBudget): DatabaseStore {
      if (!routeOptions.nameSpace) throw new Error('Every rate-limit budget needs a nameSpace of its own.');
      return new DatabaseStore(routeOptions);
    }
  }
  // The library's types take route options in `child`; a budget's options are what it receives.
  return DatabaseStore as unknown as FastifyRateLimitStoreCtor;
}

function answer(window: Promise<Window | undefined>, callback: Callback): void {
  window.then(
    (found) => callback(null, { current: found?.hits ?? 0, ttl: found?.ttlMs ?? 0 }),
    (error: Error) => callback(error),
  );
}
