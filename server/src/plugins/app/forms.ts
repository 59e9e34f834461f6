// Form lookups by key, cached briefly: every submission and every CORS preflight needs one. Each
// process keeps its own copy, so an admin's change is seen by the process that made it at once and
// by every other process within TTL_MS (the bound the README states).
import fp from 'fastify-plugin';
import { findOpenFormByKey } from '../../db/forms.repo.ts';
import type { Form } from '../../db/schema/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The form pages post to under this key (not archived), at most FORM_CACHE_TTL_MS old. */
    formByKey(key: string): Promise<Form | undefined>;
    /** Drops what this process knows of these keys: an admin changed the form. */
    forgetForms(...keys: string[]): void;
  }
}

/**
 * A few seconds: a lookup per key per process per 3 s is nothing for the database, and a shorter
 * bound than any admin would notice. (Invalidating through LISTEN/NOTIFY would need a connection
 * held open by every process for a change made a few times a year.)
 */
export const FORM_CACHE_TTL_MS = 3_000;
const MAX_ENTRIES = 1_000;

export default fp(
  async (fastify) => {
    const cache = new Map<string, { form: Form | undefined; expires: number }>();
    fastify.decorate('formByKey', async (key: string) => {
      // No key holds NUL, which PostgreSQL text cannot even be compared with.
      if (key.includes('\u0000')) return undefined;
      const hit = cache.get(key);
      if (hit && hit.expires > Date.now()) return hit.form;
      const form = await findOpenFormByKey(fastify.db, key);
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(key, { form, expires: Date.now() + FORM_CACHE_TTL_MS });
      return form;
    });
    fastify.decorate('forgetForms', (...keys: string[]) => {
      for (const key of keys) cache.delete(key);
    });
  },
  { name: 'forms', dependencies: ['database'] },
);
