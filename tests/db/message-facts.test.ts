// The dashboard's stored facts (message_facts, customer_turns: migrations/0014) against the shared
// definitions (shared/src/stats.ts) computed from each message's timeline, on both databases: for
// messages written and worked through the API (replies by someone other than the assignee, a
// customer writing again, spam and release, a move to a team with working hours), for timelines
// placed in the past across daylight-saving changes, and after a team's clock changes.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageFacts, type StatsEvent, type TeamClock, type WorkingHours } from '@ecoute/shared/stats';
import type { TimelineType } from '@ecoute/shared/timeline-events';
import { createAgent, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeAgain, writeMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { pastMessage as storePastMessage } from '../support/past-message.ts';
import { succeeds } from '../support/succeeds.ts';
import { measureTeamAgain } from '../../server/src/domain/measure-team-again.ts';

const OFFICE: WorkingHours = {
  mon: [{ from: '09:00', to: '17:00' }],
  tue: [{ from: '09:00', to: '17:00' }],
  wed: [{ from: '09:00', to: '17:00' }],
  thu: [{ from: '09:00', to: '17:00' }],
  fri: [
    { from: '09:00', to: '12:00' },
    { from: '14:00', to: '17:00' },
  ],
};

describe.each(databaseKinds)('stored message facts on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let ana: AgentClient;
  let bo: AgentClient;
  let paris: string;

  const ok = succeeds(() => admin);
  const rows = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
    (await ecoute.app.db.execute<T>(query)).rows;

  /** Waits until the `stats.team-clock` jobs sent so far, `count` of them, have all run to completion. */
  const measuredAgain = (count: number) =>
    expect
      .poll(
        async () =>
          (
            await rows<{ state: string }>(
              sql`select state from pgboss.job where name = 'stats.team-clock' order by created_on`,
            )
          ).map((job) => job.state),
        { timeout: 20_000, interval: 200 },
      )
      .toEqual(Array(count).fill('completed'));

  /** Every message's stored facts, next to the same facts computed from its timeline by the definitions. */
  async function compareAll(): Promise<number> {
    const clocks = new Map(
      (
        await rows<{ id: string; time_zone: string; working_hours: WorkingHours | null }>(
          sql`select id, time_zone, working_hours from teams`,
        )
      ).map((team): [string, TeamClock] => [team.id, { timeZone: team.time_zone, workingHours: team.working_hours }]),
    );
    const messages = await rows<{ id: string; team_id: string; created_at: string; spam_signals: string[] }>(
      sql`select id, team_id, created_at::text, spam_signals from messages`,
    );
    for (const message of messages) {
      const events = await rows<{ type: TimelineType; at: string; actor_id: string | null }>(
        sql`select type, created_at::text as at, actor_id from timeline_events where message_id = ${message.id}
            order by created_at, id`,
      );
      const timeline = {
        receivedAt: new Date(message.created_at),
        quarantinedOnArrival: message.spam_signals.length > 0,
        events: events.map((event): StatsEvent => ({
          type: event.type,
          at: new Date(event.at),
          actorId: event.actor_id,
        })),
      };
      const expected = messageFacts(timeline, clocks.get(message.team_id)!);
      const [stored] = await rows<Record<string, any>>(
        sql`select team_id, received_at::text, acknowledged_at::text, first_reply_at::text, first_reply_by, spam,
                   working_seconds_to_acknowledge, working_seconds_to_first_reply
            from message_facts where message_id = ${message.id}`,
      );
      const at = (value: string | null) => (value === null ? null : new Date(value).getTime());
      const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
      expect(stored, message.id).toBeDefined();
      expect({
        teamId: stored!.team_id,
        receivedAt: at(stored!.received_at),
        acknowledgedAt: at(stored!.acknowledged_at),
        firstReplyAt: at(stored!.first_reply_at),
        firstReplyBy: stored!.first_reply_by,
        spam: stored!.spam,
      }).toEqual({
        teamId: message.team_id,
        receivedAt: expected.receivedAt.getTime(),
        acknowledgedAt: expected.acknowledgedAt?.getTime() ?? null,
        firstReplyAt: expected.firstReplyAt?.getTime() ?? null,
        firstReplyBy: expected.firstReplyBy,
        spam: expected.spam,
      });
      // The database keeps microseconds, JavaScript milliseconds: equal to the millisecond.
      for (const [column, ms] of [
        ['working_seconds_to_acknowledge', expected.workingMsToAcknowledge],
        ['working_seconds_to_first_reply', expected.workingMsToFirstReply],
      ] as const) {
        if (ms === null) expect(stored![column], column).toBeNull();
        else expect(Math.abs(stored![column] - seconds(ms)!), column).toBeLessThan(0.002);
      }
      const turns = await rows<Record<string, any>>(
        sql`select started_at::text, answered_at::text, answered_by, working_seconds_to_answer
            from customer_turns where message_id = ${message.id} order by started_at`,
      );
      expect(
        turns.map((turn) => ({
          startedAt: at(turn.started_at),
          answeredAt: at(turn.answered_at),
          answeredBy: turn.answered_by,
        })),
      ).toEqual(
        expected.turns.map((turn) => ({
          startedAt: turn.startedAt.getTime(),
          answeredAt: turn.answeredAt?.getTime() ?? null,
          answeredBy: turn.answeredBy,
        })),
      );
    }
    return messages.length;
  }

  const pastMessage = (teamId: string, receivedAt: string, events: Array<[TimelineType, string, string?]>) =>
    storePastMessage(ecoute.app.db, teamId, receivedAt, events);

  beforeAll(async () => {
    ecoute = await startApp(kind);
    admin = await signIn(ecoute.url);
    ana = await createAgent(ecoute.url, admin, { email: 'ana@shop.example', name: 'Ana', role: 'agent' });
    bo = await createAgent(ecoute.url, admin, { email: 'bo@shop.example', name: 'Bo', role: 'agent' });
    paris = (await ok('POST', '/api/v1/teams', { name: 'Paris', timeZone: 'Europe/Paris', workingHours: OFFICE })).id;
  });
  afterAll(() => ecoute.close());

  it('match the definitions for messages worked through the API', async () => {
    const assignedToAna = await writeMessage(ecoute.url, { body: 'My parcel never came.' });
    await ok('PATCH', `/api/v1/messages/${assignedToAna.id}`, { assigneeId: ana.user.id });
    await ok('POST', `/api/v1/messages/${assignedToAna.id}/replies`, { body: 'Hello, we are looking.' }, bo);

    const reopened = await writeMessage(ecoute.url, { body: 'The bike is broken.' });
    expect((await writeAgain(ecoute.url, reopened.token, 'And the light too.')).status).toBe(201);
    await ok('POST', `/api/v1/messages/${reopened.id}/replies`, { body: 'Hello, sorry about that.' }, ana);
    expect((await writeAgain(ecoute.url, reopened.token, 'Still broken.')).status).toBe(201);

    const spam = await writeMessage(ecoute.url, { body: 'Buy cheap watches.' });
    await ok('POST', `/api/v1/messages/${spam.id}/spam`);
    const released = await writeMessage(ecoute.url, { body: 'Not spam at all.' });
    await ok('POST', `/api/v1/messages/${released.id}/spam`);
    await ok('POST', `/api/v1/messages/${released.id}/not-spam`);
    await ok('POST', `/api/v1/messages/${released.id}/replies`, { body: 'Hello, thanks for writing.' }, bo);

    const moved = await writeMessage(ecoute.url, { body: 'Une question sur ma commande.', locale: 'fr' });
    await ok('PATCH', `/api/v1/messages/${moved.id}`, { teamId: paris });
    await ok('POST', `/api/v1/messages/${moved.id}/replies`, { body: 'Bonjour, nous regardons.' }, ana);

    expect(await compareAll()).toBe(5);
    const [facts] = await rows<{ first_reply_by: string; team_id: string }>(
      sql`select first_reply_by, team_id from message_facts where message_id = ${moved.id}`,
    );
    expect(facts).toEqual({ first_reply_by: ana.user.id, team_id: paris });
    const [credited] = await rows<{ first_reply_by: string }>(
      sql`select first_reply_by from message_facts where message_id = ${assignedToAna.id}`,
    );
    expect(credited!.first_reply_by).toBe(bo.user.id);
  });

  it('match the definitions for past timelines across daylight-saving changes, and after the clock changes', async () => {
    // Friday 27 March 2026 16:00 CET to Monday 30 March 10:00 CEST: two working hours.
    const spring = await pastMessage(paris, '2026-03-27T15:00:00Z', [
      ['acknowledged', '2026-03-27T15:00:00.003Z'],
      ['reply', '2026-03-30T08:00:00Z', bo.user.id],
      ['customer_message', '2026-03-30T09:00:00Z'],
      ['customer_message', '2026-03-30T09:30:00Z'],
      ['reply', '2026-03-31T12:00:00Z', ana.user.id],
    ]);
    await pastMessage(paris, '2026-10-23T14:00:00Z', [
      ['acknowledged', '2026-10-23T14:00:00Z'],
      ['reply', '2026-10-26T09:00:00Z', ana.user.id],
    ]);
    await pastMessage(paris, '2026-10-24T14:00:00Z', [
      ['acknowledged', '2026-10-24T14:00:00Z'],
      ['marked_spam', '2026-10-24T15:00:00Z', ana.user.id],
    ]);
    expect(await compareAll()).toBe(8);
    const [spring_] = await rows<{ working_seconds_to_first_reply: number }>(
      sql`select working_seconds_to_first_reply from message_facts where message_id = ${spring}`,
    );
    expect(spring_!.working_seconds_to_first_reply).toBe(2 * 3600);

    // Around the clock now: every time of the team measured again, on the wall clock, by the job the
    // change sent (the request does not wait for it).
    await ok('PATCH', `/api/v1/teams/${paris}`, { workingHours: null });
    await measuredAgain(1);
    expect(await compareAll()).toBe(8);
    const [wall] = await rows<{ working_seconds_to_first_reply: number }>(
      sql`select working_seconds_to_first_reply from message_facts where message_id = ${spring}`,
    );
    expect(wall!.working_seconds_to_first_reply).toBe(65 * 3600);
    await ok('PATCH', `/api/v1/teams/${paris}`, { timeZone: 'America/New_York', workingHours: OFFICE });
    await measuredAgain(2);
    expect(await compareAll()).toBe(8);
    // Batch after batch, in arrival order: every message of the team once, none forgotten at the edges.
    await ecoute.app.db.execute(sql`delete from message_facts where team_id = ${paris}`);
    await measureTeamAgain(ecoute.app.db, paris, { batch: 2 });
    expect(await compareAll()).toBe(8);
  });

  it('are backfilled from the timelines by the migration’s statement', async () => {
    await ecoute.app.db.execute(sql`delete from message_facts`);
    await ecoute.app.db.execute(sql`delete from customer_turns`);
    await ecoute.app.db.execute(sql`select refresh_message_facts(array(select id from messages))`);
    expect(await compareAll()).toBe(8);
  });

  /** Every stored fact and turn, to the microsecond. */
  const storedFacts = () =>
    rows(sql`select f.*, f.received_at::text as received, f.acknowledged_at::text as acknowledged,
                    f.first_reply_at::text as replied,
                    (select json_agg(json_build_object('started', t.started_at::text, 'answered', t.answered_at::text,
                                                       'by', t.answered_by, 'seconds', t.working_seconds_to_answer)
                                     order by t.started_at)
                     from customer_turns t where t.message_id = f.message_id) as turns
             from message_facts f order by f.message_id`);

  it('are written at once for a new message, added to by follow-ups and replies, and equal what the whole timeline gives', async () => {
    const fresh = await writeMessage(ecoute.url, { body: 'Where is my order?' });
    const followedUp = await writeMessage(ecoute.url, { body: 'My order is late.' });
    expect((await writeAgain(ecoute.url, followedUp.token, 'Any news?')).status).toBe(201);
    const answered = await writeMessage(ecoute.url, { body: 'The app crashes.' });
    await ok('POST', `/api/v1/messages/${answered.id}/replies`, { body: 'Hello, which phone?' }, ana);
    expect((await writeAgain(ecoute.url, answered.token, 'An iPhone.')).status).toBe(201);
    // The second turn is answered by Bo; Ana's reply after his answers nothing more.
    await ok('POST', `/api/v1/messages/${answered.id}/replies`, { body: 'Hello, which version?' }, bo);
    await ok('POST', `/api/v1/messages/${answered.id}/replies`, { body: 'Hello again.' }, ana);
    // Quarantined by its signals as it arrives: spam (left out of every number) until released.
    const bot = await writeMessage(ecoute.url, { body: 'Cheap watches here.', website: 'https://spam.example' });
    const tooFast = await writeMessage(ecoute.url, { body: 'I typed this fast.', fillMs: 300 });
    const spamOf = async (id: string) =>
      (await rows<{ spam: boolean }>(sql`select spam from message_facts where message_id = ${id}`))[0]?.spam;
    expect(await spamOf(fresh.id)).toBe(false);
    expect(await spamOf(bot.id)).toBe(true);
    expect(await spamOf(tooFast.id)).toBe(true);
    await ok('POST', `/api/v1/messages/${tooFast.id}/not-spam`);
    expect(await spamOf(tooFast.id)).toBe(false);
    await ok('POST', `/api/v1/messages/${tooFast.id}/replies`, { body: 'Hello, thanks.' }, bo);

    const [turn] = await rows<Record<string, unknown>>(
      sql`select t.started_at = m.created_at as from_arrival, t.answered_at, f.acknowledged_at = e.created_at as acknowledged
          from customer_turns t join messages m on m.id = t.message_id join message_facts f on f.message_id = m.id
          join timeline_events e on e.message_id = m.id and e.type = 'acknowledged' where m.id = ${fresh.id}`,
    );
    expect(turn).toEqual({ from_arrival: true, answered_at: null, acknowledged: true });
    const answers = await rows<{ answered_by: string }>(
      sql`select answered_by from customer_turns where message_id = ${answered.id} order by started_at`,
    );
    expect(answers).toEqual([{ answered_by: ana.user.id }, { answered_by: bo.user.id }]);
    expect(await compareAll()).toBe(13);
    // What the acknowledgements wrote at once is what the whole timelines give, to the microsecond.
    const written = await storedFacts();
    await ecoute.app.db.execute(sql`select refresh_message_facts(array(select id from messages))`);
    expect(await storedFacts()).toEqual(written);
  });

  it('are recomputed from the whole timeline when an acknowledgement is not the first event counted', async () => {
    const id = await pastMessage(paris, '2026-05-04T07:00:00Z', [['reply', '2026-05-04T09:30:00Z', ana.user.id]]);
    // As if the facts were not kept yet (a bulk load with the trigger off): the acknowledgement comes second.
    await ecoute.app.db.execute(sql`delete from message_facts where message_id = ${id}`);
    await ecoute.app.db.execute(sql`delete from customer_turns where message_id = ${id}`);
    await ecoute.app.db.execute(sql`
      insert into timeline_events (message_id, type, visibility, created_at)
      values (${id}, 'acknowledged', 'internal', '2026-05-04T07:00:01Z')`);
    const [facts] = await rows<{ first_reply_by: string; turns: number }>(
      sql`select first_reply_by, (select count(*)::int from customer_turns where message_id = ${id}) as turns
          from message_facts where message_id = ${id}`,
    );
    expect(facts).toEqual({ first_reply_by: ana.user.id, turns: 1 });
    expect(await compareAll()).toBe(14);
  });

  it('give each commitment its message’s team, whatever moves the message; spam never has commitments', async () => {
    const dueOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const promised = await writeMessage(ecoute.url, { body: 'My chair arrived broken.' });
    await ok('POST', `/api/v1/messages/${promised.id}/replies`, {
      body: 'Hello, we will send a new one.',
      commitments: [
        { description: 'Send a new chair', dueOn },
        { description: 'Call the customer back', dueOn },
      ],
    });
    const teams = async () =>
      (await rows<{ team_id: string }>(sql`select team_id from commitments where message_id = ${promised.id}`)).map(
        (row) => row.team_id,
      );
    const teamOfMessage = async () =>
      (await rows<{ team_id: string }>(sql`select team_id from messages where id = ${promised.id}`))[0]!.team_id;
    const general = await teamOfMessage();
    expect(await teams()).toEqual([general, general]);
    await ok('PATCH', `/api/v1/messages/${promised.id}`, { teamId: paris });
    expect(await teams()).toEqual([paris, paris]);
    await ok('PATCH', `/api/v1/messages/${promised.id}`, { teamId: general });
    expect(await teams()).toEqual([general, general]);

    // Nobody writes it but the database: a statement that sets it, as the migration's backfill does,
    // gets the message's team again.
    await ecoute.app.db.execute(sql`update commitments set team_id = ${paris}`);
    expect(await teams()).toEqual([general, general]);
    expect(
      await rows(
        sql`select c.id from commitments c join messages m on m.id = c.message_id where c.team_id <> m.team_id`,
      ),
    ).toEqual([]);

    // Why the dashboard need not ask whether a commitment's message is spam: it was answered, and an
    // answered message is refused spam (nor is one in spam answered).
    const refused = await admin.request('POST', `/api/v1/messages/${promised.id}/spam`);
    expect([refused.status, refused.json.error.code]).toEqual([409, 'invalid_transition']);
  });
});
