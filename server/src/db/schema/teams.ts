// Teams answer messages: each message belongs to one (the default team until a rule or a person moves
// it); agents belong to teams; routing rules, in order, decide where a new message goes.
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { WorkingHours } from '@ecoute/shared/stats';
import type { PhraseLexemes, RoutingActions, RoutingCondition, RoutingMatch } from '@ecoute/shared/routing';
import { users } from './users.ts';

export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Exactly one team is the default: messages no rule routes go to it (migrations make the first). */
    isDefault: boolean('is_default').notNull().default(false),
    /** Answer-time targets: the first reply within this many minutes… */
    firstReplyTargetMinutes: integer('first_reply_target_minutes').notNull().default(240),
    /** …and a commitment's due date, unless the agent picks one, this many days ahead. */
    commitmentDelayDays: integer('commitment_delay_days').notNull().default(7),
    /** The acknowledgement within this many minutes (it is automatic: a breach means something broke). */
    acknowledgeTargetMinutes: integer('acknowledge_target_minutes').notNull().default(1),
    /** An IANA name: working hours, due days and the team's weeks are read in it. */
    timeZone: text('time_zone').notNull().default('UTC'),
    /** Null: the team works around the clock, and targets are measured on the wall clock. */
    workingHours: jsonb('working_hours').$type<WorkingHours>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('teams_name_unique').on(sql`lower(${table.name})`),
    uniqueIndex('teams_one_default')
      .on(table.isDefault)
      .where(sql`is_default`),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** When round-robin last gave this member a message of this team: the least recent goes next. */
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.teamId, table.userId] }),
    index('team_members_user_id_idx').on(table.userId),
  ],
);

export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Rules are evaluated in this order, from 0; positions are kept dense (routing-rules.repo.ts). */
    position: integer('position').notNull(),
    match: text('match').$type<RoutingMatch>().notNull(),
    conditions: jsonb('conditions').$type<RoutingCondition[]>().notNull(),
    actions: jsonb('actions').$type<RoutingActions>().notNull(),
    /** Whether evaluation stops after this rule when it matches. */
    stop: boolean('stop').notNull().default(false),
    /** Each phrase of the word conditions as lexemes, per language, computed by the database at save. */
    phraseLexemes: jsonb('phrase_lexemes').$type<PhraseLexemes>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('routing_rules_position_idx').on(table.position)],
);

export type TeamRow = typeof teams.$inferSelect;
export type RoutingRuleRow = typeof routingRules.$inferSelect;
