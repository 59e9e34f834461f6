// The routing rules, cached briefly per process: every submission evaluates them, and they change
// rarely. A change made through this process is seen at once; by the others within TTL_MS.
import fp from 'fastify-plugin';
import { loadRoutingRules, type RoutingRules } from '../../domain/route-message.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routingRules(): Promise<RoutingRules>;
    /** After a rule or a team changed: the next submission reads them again. */
    forgetRoutingRules(): void;
  }
}

/** The bound on staleness the README states. */
const TTL_MS = 5_000;

export default fp(
  async (fastify) => {
    let cached: { rules: Promise<RoutingRules>; expires: number } | undefined;
    fastify.decorate('routingRules', () => {
      if (!cached || cached.expires <= Date.now()) {
        const rules = loadRoutingRules(fastify.db);
        cached = { rules, expires: Date.now() + TTL_MS };
        // A failed read is not kept: the next submission tries again.
        rules.catch(() => {
          if (cached?.rules === rules) cached = undefined;
        });
      }
      return cached.rules;
    });
    fastify.decorate('forgetRoutingRules', () => {
      cached = undefined;
    });
  },
  { name: 'routing', dependencies: ['database'] },
);
