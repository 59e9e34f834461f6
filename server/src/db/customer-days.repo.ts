// Customer Day's data: pins, published reports and share links, and the report's own counts over a
// period (messages received in it, spam excluded). Plain functions over the database.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CustomerDayReport } from '@ecoute/shared/customer-day-contract';
import type { Locale } from '@ecoute/shared/locale';
import type { CommitmentRecord } from '@ecoute/shared/stats';
import { hasTag } from './messages.repo.ts';
import type { Db } from './transaction.ts';
import { customerDayPins, customerDayReports, customerDayShares, messages, users } from './schema/index.ts';

/** A period as the report reads it: `from` included, `until` excluded. */
export interface ReportPeriod {
  from: Date;
  until: Date;
}

const int = (value: unknown) => Number(value ?? 0);
const iso = (value: Date | string) => new Date(value).toISOString();

// ——— Pins ———

export interface PinRow {
  messageId: string;
  note: string | null;
  pinnedById: string | null;
  pinnedByName: string | null;
  pinnedAt: Date;
}

export async function findPin(db: Db, messageId: string): Promise<PinRow | undefined> {
  const [row] = await db
    .select({
      messageId: customerDayPins.messageId,
      note: customerDayPins.note,
      pinnedById: customerDayPins.pinnedBy,
      pinnedByName: users.name,
      pinnedAt: customerDayPins.pinnedAt,
    })
    .from(customerDayPins)
    .leftJoin(users, eq(users.id, customerDayPins.pinnedBy))
    .where(eq(customerDayPins.messageId, messageId));
  return row;
}

/** When the message arrived: the period it belongs to follows from it. */
export async function findMessageArrival(db: Db, messageId: string): Promise<Date | undefined> {
  const [row] = await db.select({ createdAt: messages.createdAt }).from(messages).where(eq(messages.id, messageId));
  return row?.createdAt;
}

export async function savePin(db: Db, pin: { messageId: string; note: string | null; pinnedBy: string }) {
  await db
    .insert(customerDayPins)
    .values(pin)
    .onConflictDoUpdate({
      target: customerDayPins.messageId,
      set: { note: pin.note, pinnedBy: pin.pinnedBy, pinnedAt: sql`now()` },
    });
}

/** Whether there was a pin to remove. */
export async function deletePin(db: Db, messageId: string): Promise<boolean> {
  const rows = await db
    .delete(customerDayPins)
    .where(eq(customerDayPins.messageId, messageId))
    .returning({ id: customerDayPins.messageId });
  return rows.length > 0;
}

// ——— Published reports ———

export interface PublicationRow {
  customerDay: string;
  version: number;
  publishedAt: Date;
  publishedById: string | null;
  publishedByName: string | null;
}

const PUBLICATION_COLUMNS = {
  customerDay: customerDayReports.customerDay,
  version: customerDayReports.version,
  publishedAt: customerDayReports.publishedAt,
  publishedById: customerDayReports.publishedBy,
  publishedByName: users.name,
};

/** The publications of these Customer Days (those published), without their reports. */
export async function findPublications(db: Db, days: string[]): Promise<PublicationRow[]> {
  if (days.length === 0) return [];
  return db
    .select(PUBLICATION_COLUMNS)
    .from(customerDayReports)
    .leftJoin(users, eq(users.id, customerDayReports.publishedBy))
    .where(inArray(customerDayReports.customerDay, days));
}

export async function findPublishedReport(
  db: Db,
  day: string,
): Promise<(PublicationRow & { report: CustomerDayReport }) | undefined> {
  const [row] = await db
    .select({ ...PUBLICATION_COLUMNS, report: customerDayReports.report })
    .from(customerDayReports)
    .leftJoin(users, eq(users.id, customerDayReports.publishedBy))
    .where(eq(customerDayReports.customerDay, day));
  return row;
}

/** Keeps the report as published; `replace` republishes one that was (its version goes up by one). */
export async function savePublication(
  db: Db,
  { customerDay, report, publishedBy }: { customerDay: string; report: CustomerDayReport; publishedBy: string },
): Promise<void> {
  await db
    .insert(customerDayReports)
    .values({ customerDay, report, publishedBy })
    .onConflictDoUpdate({
      target: customerDayReports.customerDay,
      set: { report, publishedBy, publishedAt: sql`now()`, version: sql`${customerDayReports.version} + 1` },
    });
}

/** Locks the Customer Day's publication row, if any, so that two publications happen one after the other. */
export async function lockPublication(db: Db, day: string): Promise<{ version: number } | undefined> {
  const [row] = await db
    .select({ version: customerDayReports.version })
    .from(customerDayReports)
    .where(eq(customerDayReports.customerDay, day))
    .for('update');
  return row;
}

// ——— Share links ———

export interface ShareRow {
  id: string;
  customerDay: string;
  createdAt: Date;
  createdById: string | null;
  createdByName: string | null;
  revokedAt: Date | null;
}

const SHARE_COLUMNS = {
  id: customerDayShares.id,
  customerDay: customerDayShares.customerDay,
  createdAt: customerDayShares.createdAt,
  createdById: customerDayShares.createdBy,
  createdByName: users.name,
  revokedAt: customerDayShares.revokedAt,
};

export async function createShare(
  db: Db,
  share: { customerDay: string; tokenHash: string; createdBy: string },
): Promise<string> {
  const [row] = await db.insert(customerDayShares).values(share).returning({ id: customerDayShares.id });
  return row!.id;
}

export async function findShare(db: Db, id: string): Promise<ShareRow | undefined> {
  const [row] = await db
    .select(SHARE_COLUMNS)
    .from(customerDayShares)
    .leftJoin(users, eq(users.id, customerDayShares.createdBy))
    .where(eq(customerDayShares.id, id));
  return row;
}

export async function listShares(db: Db, customerDay: string): Promise<ShareRow[]> {
  return db
    .select(SHARE_COLUMNS)
    .from(customerDayShares)
    .leftJoin(users, eq(users.id, customerDayShares.createdBy))
    .where(eq(customerDayShares.customerDay, customerDay))
    .orderBy(desc(customerDayShares.createdAt), asc(customerDayShares.id));
}

/** Revokes a link still in use; false when there is no such link or it was revoked already. */
export async function revokeShare(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(customerDayShares)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(customerDayShares.id, id), isNull(customerDayShares.revokedAt)))
    .returning({ id: customerDayShares.id });
  return rows.length > 0;
}

/** The share link with this token's hash, whether revoked or not. */
export async function findShareByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<{ customerDay: string; revokedAt: Date | null } | undefined> {
  const [row] = await db
    .select({ customerDay: customerDayShares.customerDay, revokedAt: customerDayShares.revokedAt })
    .from(customerDayShares)
    .where(eq(customerDayShares.tokenHash, tokenHash));
  return row;
}

// ——— The report's counts ———

const inPeriod = ({ from, until }: ReportPeriod) =>
  sql`m.created_at >= ${from.toISOString()}::timestamptz and m.created_at < ${until.toISOString()}::timestamptz and m.status <> 'spam'`;

/**
 * Volumes: the messages received in the period (spam excluded), per team (the team that holds them
 * now) and per language. One scan of the period's messages for both (grouping sets): at a million
 * messages a quarter is a tenth of the table, and a scan each cost twice as much.
 */
export async function customerDayVolumes(db: Db, period: ReportPeriod): Promise<CustomerDayReport['volumes']> {
  const { rows } = await db.execute<{
    byLocale: boolean;
    teamId: string | null;
    teamName: string | null;
    locale: Locale | null;
    count: number;
  }>(sql`
    select grouping(t.id) = 1 as "byLocale", t.id as "teamId", t.name as "teamName", m.locale,
      count(*)::int as count
    from messages m join teams t on t.id = m.team_id
    where ${inPeriod(period)}
    group by grouping sets ((t.id, t.name), (m.locale))
    order by "byLocale", count desc, lower(t.name), t.id, m.locale`);
  const teams = rows.filter((row) => !row.byLocale);
  return {
    received: teams.reduce((sum, team) => sum + int(team.count), 0),
    byTeam: teams.map((team) => ({ teamId: team.teamId!, teamName: team.teamName!, count: int(team.count) })),
    byLanguage: rows
      .filter((row) => row.byLocale)
      .map((language) => ({ locale: language.locale!, count: int(language.count) })),
  };
}

/**
 * Per team, from the dashboard's facts (message_facts, shared/src/stats.ts): the period's messages,
 * those with a reply, and the time to first reply in working minutes (median and 90th percentile by
 * nearest rank, which percentile_disc is) against the team's target.
 */
export async function customerDayAnswers(
  db: Db,
  period: ReportPeriod,
): Promise<CustomerDayReport['answers']['byTeam']> {
  const { rows } = await db.execute<{
    teamId: string;
    teamName: string;
    received: number;
    answered: number;
    firstReplyTargetMinutes: number;
    firstReplyMedianMinutes: number | null;
    firstReplyP90Minutes: number | null;
    withinTarget: number;
  }>(sql`
    select t.id as "teamId", t.name as "teamName", count(*)::int as received,
      count(f.first_reply_at)::int as answered,
      t.first_reply_target_minutes as "firstReplyTargetMinutes",
      percentile_disc(0.5) within group (order by f.working_seconds_to_first_reply) / 60 as "firstReplyMedianMinutes",
      percentile_disc(0.9) within group (order by f.working_seconds_to_first_reply) / 60 as "firstReplyP90Minutes",
      count(*) filter (where f.working_seconds_to_first_reply <= t.first_reply_target_minutes * 60)::int as "withinTarget"
    from message_facts f join teams t on t.id = f.team_id
    where f.received_at >= ${period.from.toISOString()}::timestamptz
      and f.received_at < ${period.until.toISOString()}::timestamptz and not f.spam
    group by t.id, t.name, t.first_reply_target_minutes
    order by received desc, lower(t.name), t.id`);
  return rows.map((row) => ({
    ...row,
    received: int(row.received),
    answered: int(row.answered),
    withinTarget: int(row.withinTarget),
    firstReplyMedianMinutes: row.firstReplyMedianMinutes === null ? null : Number(row.firstReplyMedianMinutes),
    firstReplyP90Minutes: row.firstReplyP90Minutes === null ? null : Number(row.firstReplyP90Minutes),
  }));
}

/**
 * The commitments made in the period, with their team's time zone (none is on spam: an answered message
 * never goes to spam).
 */
export async function customerDayCommitments(
  db: Db,
  period: ReportPeriod,
): Promise<Array<CommitmentRecord & { timeZone: string }>> {
  const { rows } = await db.execute<{
    dueOn: string;
    status: CommitmentRecord['status'];
    createdAt: Date | string;
    resolvedAt: Date | string | null;
    timeZone: string;
  }>(sql`
    select c.due_on::text as "dueOn", c.status, c.created_at as "createdAt", c.resolved_at as "resolvedAt",
      t.time_zone as "timeZone"
    from commitments c join teams t on t.id = c.team_id
    where c.created_at >= ${period.from.toISOString()}::timestamptz
      and c.created_at < ${period.until.toISOString()}::timestamptz`);
  return rows.map((row) => ({
    ...row,
    createdAt: new Date(row.createdAt),
    resolvedAt: row.resolvedAt === null ? null : new Date(row.resolvedAt),
  }));
}

/** The pinned verbatims of messages received in the period, in the order they were pinned. */
export async function pinnedVerbatims(db: Db, period: ReportPeriod): Promise<CustomerDayReport['verbatims']> {
  const { rows } = await db.execute<{
    messageId: string;
    reference: string;
    body: string;
    locale: Locale;
    teamName: string;
    receivedAt: Date | string;
    note: string | null;
    pinnedBy: string | null;
    pinnedAt: Date | string;
  }>(sql`
    select m.id as "messageId", m.reference, m.body, m.locale, t.name as "teamName", m.created_at as "receivedAt",
      p.note, u.name as "pinnedBy", p.pinned_at as "pinnedAt"
    from customer_day_pins p
    join messages m on m.id = p.message_id
    join teams t on t.id = m.team_id
    left join users u on u.id = p.pinned_by
    where ${inPeriod(period)}
    order by p.pinned_at, m.id`);
  return rows.map((row) => ({ ...row, receivedAt: iso(row.receivedAt), pinnedAt: iso(row.pinnedAt) }));
}

export interface TaggedMessages {
  total: number;
  byTeam: Array<{ teamId: string | null; teamName: string | null; count: number }>;
  messages: CustomerDayReport['compliments']['messages'];
}

/**
 * The messages received in the period with this tag, each credited to the team that answered it:
 * the team that held the message when its first reply was written (moves are on the timeline: the
 * last move before the reply says where it went, else the first move after says where it was, else
 * it never moved). A message not answered yet is credited to no team (null). Lists the first `listed`.
 */
export async function taggedMessages(
  db: Db,
  period: ReportPeriod,
  { tag, listed, excerpt }: { tag: string; listed: number; excerpt: number },
): Promise<TaggedMessages> {
  const { rows } = await db.execute<{
    messageId: string;
    reference: string;
    excerpt: string;
    locale: Locale;
    receivedAt: Date | string;
    teamId: string | null;
    teamName: string | null;
  }>(sql`
    with tagged as (
      select m.id, m.reference, left(m.body, ${excerpt}) as excerpt, m.locale, m.created_at, m.team_id,
        (select e.created_at from timeline_events e where e.message_id = m.id and e.type = 'reply'
          order by e.created_at, e.id limit 1) as first_reply_at
      from messages m
      where ${hasTag(sql`m.tags`, tag)} and ${inPeriod(period)}
    ), credited as (
      select tagged.*, case when first_reply_at is null then null else coalesce(
        (select (e.data->>'toTeamId')::uuid from timeline_events e
          where e.message_id = tagged.id and e.type = 'moved' and e.created_at <= first_reply_at
          order by e.created_at desc, e.id desc limit 1),
        (select (e.data->>'fromTeamId')::uuid from timeline_events e
          where e.message_id = tagged.id and e.type = 'moved' and e.created_at > first_reply_at
          order by e.created_at, e.id limit 1),
        team_id) end as credited_team_id
      from tagged
    )
    select c.id as "messageId", c.reference, c.excerpt, c.locale, c.created_at as "receivedAt",
      c.credited_team_id as "teamId", t.name as "teamName"
    from credited c left join teams t on t.id = c.credited_team_id
    order by c.created_at, c.id`);
  const byTeam = new Map<string | null, TaggedMessages['byTeam'][number]>();
  for (const row of rows) {
    const entry = byTeam.get(row.teamId) ?? { teamId: row.teamId, teamName: row.teamName, count: 0 };
    entry.count += 1;
    byTeam.set(row.teamId, entry);
  }
  return {
    total: rows.length,
    byTeam: [...byTeam.values()].sort(
      (a, b) => b.count - a.count || (a.teamName ?? '').localeCompare(b.teamName ?? ''),
    ),
    messages: rows.slice(0, listed).map(({ teamId: _teamId, ...row }) => ({ ...row, receivedAt: iso(row.receivedAt) })),
  };
}
