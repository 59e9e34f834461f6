// Every job Ecoute runs, declared once: its name, the data it carries, and its queue's retry and
// expiry policy. `fastify.jobs` only sends and works what is listed here.
import type { QueueCatalog } from './queue.ts';

/** Job name → data. Empty until the first feature (email) adds its jobs. */
export type Jobs = Record<never, never>;

export const CATALOG: QueueCatalog<Jobs> = {};
