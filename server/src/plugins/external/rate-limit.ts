// Rate limits are applied per route (submissions, follow-ups, unknown addresses), not globally.
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';

export default fp(
  async (fastify) => {
    await fastify.register(rateLimit, { global: false, max: 120, timeWindow: 60_000 });
  },
  { name: 'rate-limit' },
);
