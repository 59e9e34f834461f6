// Rate limits are applied per route (submissions, follow-ups, unknown addresses), not globally.
// The counters live in the store the app gives (the database's, so that processes share them).
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import fp from 'fastify-plugin';

export interface RateLimitOptions {
  store: FastifyRateLimitStoreCtor;
}

export default fp<RateLimitOptions>(
  async (fastify, opts) => {
    await fastify.register(rateLimit, {
      global: false,
      max: 120,
      timeWindow: 60_000,
      store: opts.store,
      // A counter that cannot be read lets the request through: if the database is down, the route
      // fails on its own with the right answer (a 404 stays a 404).
      skipOnError: true,
    });
  },
  { name: 'rate-limit' },
);
