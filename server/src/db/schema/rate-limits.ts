// Rate-limit budgets, shared by every Ecoute process on the database and kept across restarts.
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const rateLimits = pgTable(
  'rate_limits',
  {
    /** SHA-256 of the budget's name and the key counted (rate-limits.repo.ts). */
    key: text('key').primaryKey(),
    /** Requests counted since the window opened. */
    hits: integer('hits').notNull(),
    /** When the window ends and the count starts again from zero. */
    resetsAt: timestamp('resets_at', { withTimezone: true }).notNull(),
  },
  // Expired windows are deleted in one range scan.
  (table) => [index('rate_limits_resets_at_idx').on(table.resetsAt)],
);
