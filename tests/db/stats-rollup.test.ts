// The dashboard's rollup (migrations/0025) against the facts, on both databases: two hundred messages
// placed over the past fifteen weeks (two teams' clocks, replies by two agents, late ones, spam, some
// never answered) and a few of today's. Every overview asked for (time zones a whole and a half hour
// from UTC, across a daylight-saving change, periods cut in the middle of a day and of a week, a team,
// an agent) gives the same numbers sealed as read from the facts alone; its totals, teams, agents and
// weeks are those of percentile_disc over the facts; the rollup kept by the trigger after sealed
// messages change equals the rollup sealed again from nothing; and a change of targets empties it.
import { sql } from 'drizzle-orm';
import { utcDay } from '@ecoute/shared/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { pastMessage } from '../support/past-message.ts';
import { succeeds } from '../support/succeeds.ts';
import { sealStats } from '../../server/src/domain/seal-stats.ts';
import type { TimelineType } from '@ecoute/shared/timeline-events';

const HOUR = 3_600_000;
const OFFICE = {
  mon: [{ from: '09:00', to: '18:00' }],
  tue: [{ from: '09:00', to: '18:00' }],
  wed: [{ from: '09:00', to: '18:00' }],
  thu: [{ from: '09:00', to: '18:00' }],
  fri: [{ from: '09:00', to: '18:00' }],
};

/** The same numbers every time: a small linear congruential generator. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe.each(databaseKinds)('the dashboard’s rollup on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let ana: AgentClient;
  let bo: AgentClient;
  let paris: string;
  let support: string;
  const placed: string[] = [];

  const ok = succeeds(() => admin);
  const rows = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
    (await ecoute.app.db.execute<T>(query)).rows;

  /** Every overview the test compares, without the instant it was made at. */
  async function overviews() {
    const today = new Date();
    const queries = [
      '?tz=Europe/Paris',
      '?tz=Asia/Kolkata',
      `?tz=America/New_York&from=${utcDay(new Date(today.getTime() - 100 * 24 * HOUR))}`,
      `?tz=Europe/Paris&teamId=${paris}&from=${utcDay(new Date(today.getTime() - 60 * 24 * HOUR))}`,
      `?tz=Pacific/Chatham&from=${utcDay(new Date(today.getTime() - 45 * 24 * HOUR))}&to=${utcDay(new Date(today.getTime() - 9 * 24 * HOUR))}`,
      `?agentId=${ana.user.id}&from=${utcDay(new Date(today.getTime() - 110 * 24 * HOUR))}`,
      `?from=${utcDay(new Date(today.getTime() - 365 * 24 * HOUR))}`,
    ];
    const all = [];
    for (const query of queries) {
      const { generatedAt: _, unanswered: __, ...numbers } = await ok('GET', `/api/v1/stats/overview${query}`);
      // The unanswered links end at the instant of reading.
      all.push({ query, numbers: JSON.parse(JSON.stringify(numbers).replace(/waitingBefore=[^&"]*/g, '')) });
    }
    return all;
  }

  /** The rollup's rows that count, in one order. */
  const rollupRows = () =>
    rows(sql`select span, start::text, team_id, agent_id, measure, bucket, n from stats_rollup where n <> 0
             order by span, start, team_id, agent_id nulls first, measure, bucket`);
  const sealedBefore = async () =>
    (await rows<{ sealed: string }>(sql`select sealed_before::text as sealed from stats_rollup_horizon`))[0]!.sealed;

  beforeAll(async () => {
    ecoute = await startApp(kind);
    admin = await signIn(ecoute.url);
    ana = await createAgent(ecoute.url, admin, { email: 'ana@shop.example', name: 'Ana', role: 'agent' });
    bo = await createAgent(ecoute.url, admin, { email: 'bo@shop.example', name: 'Bo', role: 'agent' });
    paris = (
      await ok('POST', '/api/v1/teams', {
        name: 'Paris',
        timeZone: 'Europe/Paris',
        workingHours: OFFICE,
        firstReplyTargetMinutes: 120,
      })
    ).id;
    support = (await ok('POST', '/api/v1/teams', { name: 'Support', firstReplyTargetMinutes: 60 })).id;

    const next = random(2026);
    const now = Date.now();
    for (let i = 0; i < 200; i++) {
      const received = new Date(now - next() * 105 * 24 * HOUR);
      const events: Array<[TimelineType, string, string?]> = [['acknowledged', received.toISOString()]];
      const fate = next();
      const replier = next() < 0.6 ? ana.user.id : bo.user.id;
      // Replies within minutes, hours or days; a tenth never answered; some spam, some written again.
      const delay = [0.2, 0.5, 3, 20, 70][Math.floor(next() * 5)]! * HOUR * (0.5 + next());
      const replied = new Date(Math.min(received.getTime() + delay, now - 60_000));
      if (fate < 0.05) events.push(['marked_spam', new Date(received.getTime() + 60_000).toISOString(), replier]);
      else if (fate > 0.1) events.push(['reply', replied.toISOString(), replier]);
      if (fate > 0.8 && replied.getTime() + HOUR < now)
        events.push(['customer_message', new Date(replied.getTime() + HOUR / 2).toISOString()]);
      placed.push(await pastMessage(ecoute.app.db, [paris, support][i % 2]!, received.toISOString(), events));
    }
    // Today's, not sealed by any rollup yet.
    for (const body of ['Where is my parcel?', 'The bike is broken.', 'Nobody answers me.']) {
      const message = await writeMessage(ecoute.url, { body });
      if (body !== 'Nobody answers me.')
        await ok('POST', `/api/v1/messages/${message.id}/replies`, { body: 'Hello.' }, bo);
    }
  });
  afterAll(() => ecoute.close());

  it('gives the numbers the facts give, sealed or not', async () => {
    await rows(sql`select reset_stats_rollup()`);
    const unsealed = await overviews();
    await sealStats(ecoute.app.db);
    const midnight = new Date();
    midnight.setUTCHours(0, 0, 0, 0);
    expect(new Date(await sealedBefore()).getTime()).toBe(midnight.getTime());
    expect((await rollupRows()).length).toBeGreaterThan(100);
    expect(await overviews()).toEqual(unsealed);
  });

  it('has the counts and percentile_disc of the facts, in all, per team, per agent and per week', async () => {
    await sealStats(ecoute.app.db);
    const from = utcDay(new Date(Date.now() - 100 * 24 * HOUR));
    const overview = await ok('GET', `/api/v1/stats/overview?tz=America/New_York&from=${from}`);
    const { start, end } = overview.period;
    const groups = await rows<Record<string, string | number | null>>(sql`
      select grouping(f.team_id) = 0 as by_team, grouping(f.first_reply_by) = 0 as by_agent, grouping(week) = 0 as by_week,
             f.team_id, f.first_reply_by, week::text, count(*)::int as received,
             count(f.first_reply_at)::int as answered,
             percentile_disc(0.5) within group (order by f.working_seconds_to_first_reply) as median,
             percentile_disc(0.9) within group (order by f.working_seconds_to_first_reply) as p90
      from (select *, date_trunc('week', received_at at time zone 'America/New_York') as week from message_facts) f
      where not f.spam and f.received_at >= ${start}::timestamptz and f.received_at < ${end}::timestamptz
      group by grouping sets ((), (f.team_id), (f.first_reply_by), (week))`);
    const numbers = (activity: {
      received: { value: number };
      answered: { value: number };
      firstReply: { median: number; p90: number };
    }) => ({
      received: activity.received.value,
      answered: activity.answered.value,
      median: activity.firstReply.median,
      p90: activity.firstReply.p90,
    });
    const expected = (row: Record<string, unknown>) => ({
      received: row.received,
      answered: row.answered,
      median: row.median === null ? null : Number(row.median),
      p90: row.p90 === null ? null : Number(row.p90),
    });
    const total = groups.find((row) => !row.by_team && !row.by_agent && !row.by_week)!;
    expect(numbers(overview.totals)).toEqual(expected(total));
    expect(total.received).toBeGreaterThan(150);
    for (const team of overview.teams.filter((row: { received: { value: number } }) => row.received.value > 0)) {
      expect(numbers(team)).toEqual(expected(groups.find((row) => row.by_team && row.team_id === team.id)!));
    }
    const agents = groups.filter((row) => row.by_agent && row.first_reply_by);
    expect(agents).toHaveLength(2);
    for (const agent of agents) {
      const shown = overview.agents.find((row: { id: string }) => row.id === agent.first_reply_by);
      const { received: _, ...answers } = expected(agent);
      expect({
        answered: shown.firstReplies.value,
        median: shown.firstReply.median,
        p90: shown.firstReply.p90,
      }).toEqual(answers);
    }
    const weeks = groups.filter((row) => row.by_week);
    expect(overview.weeks.filter((week: { received: { value: number } }) => week.received.value > 0)).toHaveLength(
      weeks.length,
    );
    for (const week of overview.weeks.filter((row: { received: { value: number } }) => row.received.value > 0)) {
      const local = new Date(week.start).toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
      const monday = weeks.find((row) => {
        const startsOn = String(row.week).slice(0, 10);
        return startsOn <= local && local < utcDay(new Date(Date.parse(`${startsOn}T00:00:00Z`) + 7 * 24 * HOUR));
      });
      expect(numbers(week)).toEqual(expected(monday!));
    }
  });

  it('keeps the sealed numbers true as sealed messages change, as if sealed again from nothing', async () => {
    await sealStats(ecoute.app.db);
    const unanswered = await rows<{ id: string }>(sql`
      select message_id as id from message_facts where first_reply_at is null and not spam and received_at < now() - interval '2 days'
      order by received_at limit 3`);
    expect(unanswered).toHaveLength(3);
    // Answered now, by Ana: a first reply days late.
    await ok('POST', `/api/v1/messages/${unanswered[0]!.id}/replies`, { body: 'Hello, sorry for the wait.' }, ana);
    // One moved to the other team, one never answered to spam.
    await ok('PATCH', `/api/v1/messages/${placed[10]}`, { teamId: support });
    await ok('POST', `/api/v1/messages/${unanswered[2]!.id}/spam`);
    await ok('POST', `/api/v1/messages/${unanswered[1]!.id}/replies`, { body: 'Hello.' }, bo);
    const kept = await rollupRows();
    const sealed = await overviews();

    await rows(sql`select reset_stats_rollup()`);
    expect(await rollupRows()).toEqual([]);
    expect(await overviews()).toEqual(sealed);
    await sealStats(ecoute.app.db);
    expect(await rollupRows()).toEqual(kept);
  });

  it('is emptied by a change of a team’s targets, and sealed again by the job it sends', async () => {
    await sealStats(ecoute.app.db);
    const before = await overviews();
    await ok('PATCH', `/api/v1/teams/${support}`, { firstReplyTargetMinutes: 30 });
    const midnight = new Date();
    midnight.setUTCHours(0, 0, 0, 0);
    await expect
      .poll(async () => (await sealedBefore()) !== '-infinity' && new Date(await sealedBefore()).getTime(), {
        timeout: 20_000,
        interval: 200,
      })
      .toBe(midnight.getTime());
    const sealed = await overviews();
    // Replies between 30 and 60 minutes are late now: the breaches of the rollup sealed before are not kept.
    expect(sealed).not.toEqual(before);
    await rows(sql`select reset_stats_rollup()`);
    expect(await overviews()).toEqual(sealed);
  });
});
