// Form lookups by key, cached briefly: every submission and every CORS preflight needs one. Each
// process keeps its own copy, so a form changed in the database is seen everywhere within TTL_MS.
import fp from 'fastify-plugin';
import { findFormByKey } from '../../db/forms.repo.ts';
import type { Form } from '../../db/schema/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    formByKey(key: string): Promise<Form | undefined>;
  }
}

/** The bound on staleness the README states: forms change rarely, and only in the database for now. */
const TTL_MS = 30_000;
const MAX_ENTRIES = 1_000;

export default fp(
  async (fastify) => {
    const cache = new Map<string, { form: Form | undefined; expires: number }>();
    fastify.decorate('formByKey', async (key: string) => {
      // No key holds NUL, which PostgreSQL text cannot even be compared with.
      if (key.includes('\u0000')) return undefined;
      const hit = cache.get(key);
      if (hit && hit.expires > Date.now()) return hit.form;
      const form = await findFormByKey(fastify.db, key);
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(key, { form, expires: Date.now() + TTL_MS });
      return form;
    });
  },
  { name: 'forms', dependencies: ['database'] },
);
