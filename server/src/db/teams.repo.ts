// Teams, their members and round-robin: plain functions over the database. Round-robin gives a team's
// message to the available, active member who was given one least recently. Messages arriving at the
// same moment take turns (round_robin_pick, migrations/0012), so each sees who the one before went to.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { WorkingHours } from '@ecoute/shared/stats';
import { TIMELINE_EVENTS } from '@ecoute/shared/timeline-events';
import type { Db } from './transaction.ts';
import { teamMembers, teams, users, type TeamRow } from './schema/index.ts';

export interface TeamMemberRow {
  id: string;
  name: string;
  active: boolean;
  available: boolean;
}

export type TeamWithMembers = TeamRow & { members: TeamMemberRow[] };

export async function listTeams(db: Db): Promise<TeamWithMembers[]> {
  const rows = await db
    .select({
      team: teams,
      member: { id: users.id, name: users.name, active: users.active, available: users.available },
    })
    .from(teams)
    .leftJoin(teamMembers, eq(teamMembers.teamId, teams.id))
    .leftJoin(users, eq(users.id, teamMembers.userId))
    .orderBy(asc(sql`lower(${teams.name})`), asc(teams.id), asc(users.name), asc(users.id));
  const byId = new Map<string, TeamWithMembers>();
  for (const { team, member } of rows) {
    const entry = byId.get(team.id) ?? { ...team, members: [] };
    byId.set(team.id, entry);
    if (member) entry.members.push(member);
  }
  return [...byId.values()];
}

export async function findTeam(db: Db, id: string): Promise<TeamWithMembers | undefined> {
  return (await listTeams(db)).find((team) => team.id === id);
}

/** The team's name, or undefined when there is no such team. */
export async function findTeamName(db: Db, id: string): Promise<string | undefined> {
  const [row] = await db.select({ name: teams.name }).from(teams).where(eq(teams.id, id));
  return row?.name;
}

export interface TeamInput {
  name?: string;
  firstReplyTargetMinutes?: number;
  commitmentDelayDays?: number;
  acknowledgeTargetMinutes?: number;
  timeZone?: string;
  workingHours?: WorkingHours | null;
}

/** A new team; undefined when the name is taken (names are unique, whatever their case). */
export async function createTeam(db: Db, input: TeamInput & { name: string }): Promise<TeamRow | undefined> {
  const [row] = await db.insert(teams).values(input).onConflictDoNothing().returning();
  return row;
}

/**
 * Changes a team; `isDefault` makes it the default in the same transaction that takes it from the
 * other. `name_taken` when another team has the name.
 */
export async function updateTeam(
  db: Db,
  id: string,
  change: TeamInput & { isDefault?: true },
): Promise<TeamRow | undefined | 'name_taken'> {
  const { isDefault, ...columns } = change;
  return db.transaction(async (tx) => {
    if (columns.name !== undefined) {
      const [taken] = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(sql`lower(${teams.name})`, columns.name.toLowerCase()), sql`${teams.id} <> ${id}`));
      if (taken) return 'name_taken';
    }
    if (isDefault) {
      const [exists] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, id));
      if (!exists) return undefined;
      await tx
        .update(teams)
        .set({ isDefault: false })
        .where(and(eq(teams.isDefault, true), sql`${teams.id} <> ${id}`));
    }
    const set = { ...columns, ...(isDefault && { isDefault }) };
    if (Object.keys(set).length === 0) return (await tx.select().from(teams).where(eq(teams.id, id)))[0];
    const [row] = await tx.update(teams).set(set).where(eq(teams.id, id)).returning();
    return row;
  });
}

/** Adds a member (again: nothing changes). */
export async function addTeamMember(db: Db, teamId: string, userId: string): Promise<void> {
  await db.insert(teamMembers).values({ teamId, userId }).onConflictDoNothing();
}

/** Whether the user was a member. */
export async function removeTeamMember(db: Db, teamId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .returning({ userId: teamMembers.userId });
  return rows.length > 0;
}

/** The teams a user is in. */
export async function findUserTeamIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ id: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, userId));
  return rows.map((row) => row.id);
}

export async function setAvailability(db: Db, userId: string, available: boolean): Promise<void> {
  await db.update(users).set({ available }).where(eq(users.id, userId));
}

/**
 * The step of a `with` that picks the next member of `team` by round-robin (`picked`, one row or none),
 * provided `when` holds (there is a message to give): round_robin_pick (migrations/0012) waits for the
 * team's turn, so messages arriving together are shared as evenly as messages one after the other.
 */
export function roundRobinStep(team: SQL, when: SQL): SQL {
  return sql`
    picked as (
      select user_id from (select round_robin_pick(${team}) as user_id where ${when}) pick
      where user_id is not null
    )`;
}

/**
 * Gives the oldest message waiting in the team's queue to the next member by round-robin, with its
 * `assigned` event; the message's id, or undefined when none waits or nobody is available.
 */
export async function handOutNext(db: Db, teamId: string): Promise<string | undefined> {
  const { rows } = await db.execute<{ id: string }>(sql`
    with waiting as (
      select id, assignee_id from messages
      where team_id = ${teamId} and awaiting_assignee and status in ('unanswered', 'committed')
      order by created_at, id limit 1 for update skip locked
    ),
    ${roundRobinStep(sql`${teamId}::uuid`, sql`exists (select 1 from waiting)`)},
    given as (
      update messages m set assignee_id = p.user_id, awaiting_assignee = false, updated_at = now()
      from picked p, waiting w where m.id = w.id
      returning m.id, p.user_id
    ),
    event as (
      insert into timeline_events (message_id, type, visibility, body, data, created_at)
      select g.id, 'assigned', ${TIMELINE_EVENTS.assigned.visibility}, null,
             jsonb_build_object('assigneeId', u.id, 'assigneeName', u.name, 'previousAssigneeId', null,
                                'previousAssigneeName', null, 'roundRobin', true),
             clock_timestamp()
      from given g join users u on u.id = g.user_id
    )
    select id from given`);
  return rows[0]?.id;
}
