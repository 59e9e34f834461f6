// Every job Ecoute runs, declared once: its name, the data it carries, and its queue's retry and
// expiry policy. `fastify.jobs` only sends and works what is listed here.
import type { QueueCatalog } from './queue.ts';

/** Job name → data. */
export type Jobs = {
  /** Send one email of the outbox (domain/send-email.ts); it decides itself when to try again. */
  'email.send': { emailId: string };
  /** Look for commitments due tomorrow or overdue and messages left unanswered (domain/remind-team.ts). */
  'email.reminders': Record<string, never>;
  /** Queue the past week's digest for each subscriber (domain/send-digests.ts). */
  'digest.weekly': Record<string, never>;
  /** A week before a Customer Day, remind the managers of it (domain/remind-customer-day.ts). */
  'customer-day.reminders': Record<string, never>;
  /** Measure a team's messages again after its clock changed (domain/measure-team-again.ts). */
  'stats.team-clock': { teamId: string };
  /** Seal the dashboard's rollup up to the last UTC midnight (domain/seal-stats.ts). */
  'stats.seal': Record<string, never>;
  /** Delete the live inbox's events older than it keeps (plugins/app/live.ts). */
  'live.prune': Record<string, never>;
};

export const CATALOG: QueueCatalog<Jobs> = {
  // A failed send is rescheduled by the handler with its own backoff (a mail server down is waited
  // for); these retries are for a process that died mid-send or a database error.
  'email.send': { retryLimit: 20, retryDelaySeconds: 10, retryDelayMaxSeconds: 600, expireInSeconds: 60 },
  'email.reminders': { retryLimit: 2, retryDelaySeconds: 60, retryDelayMaxSeconds: 300, expireInSeconds: 300 },
  'digest.weekly': { retryLimit: 2, retryDelaySeconds: 60, retryDelayMaxSeconds: 300, expireInSeconds: 300 },
  'customer-day.reminders': { retryLimit: 2, retryDelaySeconds: 60, retryDelayMaxSeconds: 300, expireInSeconds: 300 },
  // A team of a few hundred thousand messages takes minutes; an attempt cut short starts over.
  'stats.team-clock': { retryLimit: 5, retryDelaySeconds: 30, retryDelayMaxSeconds: 600, expireInSeconds: 1_800 },
  // A week of facts per transaction: two years at a million messages take a few minutes.
  'stats.seal': { retryLimit: 5, retryDelaySeconds: 30, retryDelayMaxSeconds: 600, expireInSeconds: 1_800 },
  'live.prune': { retryLimit: 2, retryDelaySeconds: 60, retryDelayMaxSeconds: 300, expireInSeconds: 300 },
};
