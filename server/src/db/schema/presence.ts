// Who is on which message right now (reading it or writing a reply), kept alive by heartbeats: a row
// counts until `expires_at`, so a closed tab or a lost network disappears on its own. In the database,
// so that every process sees the agents whose heartbeats another one took.
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { PRESENCE_STATES } from '@ecoute/shared/agent-values';
import { messages } from './messages.ts';
import { users } from './users.ts';

export const presence = pgTable(
  'presence',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    state: text('state', { enum: PRESENCE_STATES }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  // Expired rows are deleted in one range scan.
  (table) => [
    primaryKey({ columns: [table.messageId, table.userId] }),
    index('presence_expires_at_idx').on(table.expiresAt),
  ],
);
