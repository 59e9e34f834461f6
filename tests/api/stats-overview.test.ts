// The managers' dashboard through the API, on both databases: numbers checked against messages made
// for the test (replies credited to their writer, a reopened conversation, spam left out, a late
// first reply, commitments kept, late, dropped and overdue), every number's inbox link listing exactly
// as many messages, the CSV carrying the same numbers, who may read it, and bad input.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, dueIn, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeAgain, writeMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { succeeds } from '../support/succeeds.ts';

interface Figure {
  value: number;
  link: string;
  messages?: number;
}

/** Every `{ value, link }` in the overview, with where it is. */
function figures(node: unknown, path = ''): Array<[string, Figure]> {
  if (typeof node !== 'object' || node === null) return [];
  if ('link' in node && 'value' in node) return [[path, node as Figure]];
  return Object.entries(node).flatMap(([key, child]) => figures(child, `${path}.${key}`));
}

describe.each(databaseKinds)('the stats overview on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let manager: AgentClient;
  let ana: AgentClient;
  let bo: AgentClient;
  let support: string;

  const ok = succeeds(() => admin);
  const overview = async (query = '') => ok('GET', `/api/v1/stats/overview${query}`, undefined, manager);
  /** How many messages the inbox lists at a dashboard link, page after page. */
  async function inboxCount(link: string): Promise<number> {
    const url = new URL(link, 'http://spa');
    const view = url.pathname.replace('/inbox/', '');
    let count = 0;
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams(url.search);
      query.set('view', view);
      query.set('limit', '100');
      if (cursor) query.set('cursor', cursor);
      const page = await ok('GET', `/api/v1/messages?${query}`, undefined, manager);
      count += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    return count;
  }

  beforeAll(async () => {
    ecoute = await startApp(kind);
    admin = await signIn(ecoute.url);
    manager = await createAgent(ecoute.url, admin, { email: 'mia@shop.example', name: 'Mia', role: 'manager' });
    ana = await createAgent(ecoute.url, admin, { email: 'ana@shop.example', name: 'Ana', role: 'agent' });
    bo = await createAgent(ecoute.url, admin, { email: 'bo@shop.example', name: 'Bo', role: 'agent' });
    support = (await ok('POST', '/api/v1/teams', { name: 'Support', firstReplyTargetMinutes: 60 })).id;

    // Answered by Bo while assigned to Ana: credited to Bo.
    const credited = await writeMessage(ecoute.url, { body: 'Where is my parcel?' });
    await ok('PATCH', `/api/v1/messages/${credited.id}`, { teamId: support, assigneeId: ana.user.id });
    await ok('POST', `/api/v1/messages/${credited.id}/replies`, { body: 'Hello, it is on its way.' }, bo);
    // Answered, then the customer wrote again: unanswered now, still answered in the period.
    const reopened = await writeMessage(ecoute.url, { body: 'The bike is broken.' });
    await ok('POST', `/api/v1/messages/${reopened.id}/replies`, { body: 'Hello, sorry about that.' }, ana);
    expect((await writeAgain(ecoute.url, reopened.token, 'Still broken.')).status).toBe(201);
    // Never answered, assigned to Ana.
    const waiting = await writeMessage(ecoute.url, { body: 'Nobody answers me.' });
    await ok('PATCH', `/api/v1/messages/${waiting.id}`, { teamId: support, assigneeId: ana.user.id });
    // Spam: left out of every number.
    const spam = await writeMessage(ecoute.url, { body: 'Cheap watches here.' });
    await ok('POST', `/api/v1/messages/${spam.id}/spam`);
    // Commitments: one kept on time, one kept late, one dropped, one open, one overdue.
    const promised = await writeMessage(ecoute.url, { body: 'Can you refund me?' });
    await ok('PATCH', `/api/v1/messages/${promised.id}`, { teamId: support });
    await ok(
      'POST',
      `/api/v1/messages/${promised.id}/replies`,
      {
        body: 'Hello, we will do several things.',
        commitments: ['Refund', 'Call back', 'Send a voucher', 'Check the stock', 'Write again'].map((description) => ({
          description,
          dueOn: dueIn(3),
          ownerId: bo.user.id,
        })),
      },
      ana,
    );
    const ids = async (description: string) =>
      (
        await ecoute.app.db.execute<{ id: string }>(
          sql`select id from commitments where description = ${description} and message_id = ${promised.id}`,
        )
      ).rows[0]!.id;
    await ok('POST', `/api/v1/commitments/${await ids('Refund')}/fulfil`, { outcome: 'Refunded.' });
    await ecoute.app.db.execute(
      sql`update commitments set due_on = current_date - 3 where description in ('Call back', 'Check the stock')`,
    );
    await ok('POST', `/api/v1/commitments/${await ids('Call back')}/fulfil`, { outcome: 'Called.' });
    await ok('POST', `/api/v1/commitments/${await ids('Send a voucher')}/drop`, { reason: 'Out of vouchers.' });

    // Received three hours ago, answered two hours later: a breach of Support's one-hour target.
    const late = randomUUID();
    await ecoute.app.db.execute(sql`
      insert into messages (id, form_id, reference, tracking_token_hash, body, locale, status, team_id, created_at, waiting_since)
      values (${late}, (select id from forms where key = 'demo'), 'EC-LATE1', ${late}, 'Late one', 'en', 'closed',
              ${support}, now() - interval '3 hours', now() - interval '3 hours')`);
    await ecoute.app.db.execute(sql`
      insert into timeline_events (message_id, type, visibility, actor_id, body, created_at) values
        (${late}, 'acknowledged', 'public', null, null, now() - interval '3 hours'),
        (${late}, 'reply', 'public', ${ana.user.id}, 'Sorry for the wait.', now() - interval '1 hour')`);
  });
  afterAll(() => ecoute.close());

  it('counts what was made, credits the writer of the reply, and leaves spam out', async () => {
    const stats = await overview();
    expect(stats.totals.received.value).toBe(5);
    expect(stats.totals.answered.value).toBe(4);
    expect(stats.totals.answerRate).toBe(0.8);
    expect(stats.unanswered.count.value).toBe(2);
    expect(stats.unanswered.ages.map((age: { count: Figure }) => age.count.value)).toEqual([2, 0, 0, 0, 0, 0]);
    expect(stats.unanswered.oldest.ageSeconds).toBeLessThan(3600);
    expect(stats.totals.firstReply.breached.value).toBe(1);
    expect(stats.breaches).toEqual([
      expect.objectContaining({ reference: 'EC-LATE1', kind: 'first_reply', team: 'Support', targetSeconds: 3600 }),
    ]);
    expect(Math.round(stats.breaches[0].workingSeconds)).toBe(7200);
    const byName = Object.fromEntries(stats.agents.map((agent: { name: string }) => [agent.name, agent]));
    expect(byName.Bo.firstReplies.value).toBe(1);
    expect(byName.Ana.firstReplies.value).toBe(3);
    // The waiting message, and the reopened one (replying made it hers).
    expect(byName.Ana.unanswered.value).toBe(2);
    const team = stats.teams.find((candidate: { name: string }) => candidate.name === 'Support');
    expect(team).toMatchObject({ received: { value: 4 }, answered: { value: 3 }, firstReplyTargetSeconds: 3600 });
    expect(stats.commitments.made).toMatchObject({
      keptOnTime: { value: 1 },
      keptLate: { value: 1 },
      dropped: { value: 1 },
      overdue: { value: 1 },
      open: { value: 1 },
      keptOnTimeRate: 0.25,
    });
    expect(stats.commitments).toMatchObject({ open: { value: 1 }, overdue: { value: 1 } });
    expect(stats.weeks.reduce((sum: number, week: { received: Figure }) => sum + week.received.value, 0)).toBe(5);
  });

  it('links every number to an inbox listing exactly the messages behind it', async () => {
    for (const query of ['', `?teamId=${support}`, `?agentId=${ana.user.id}`, '?tz=Europe/Paris']) {
      const stats = await overview(query);
      const all = figures(stats);
      expect(all.length).toBeGreaterThan(30);
      for (const [path, figure] of all) {
        expect(await inboxCount(figure.link), `${query} ${path} → ${figure.link}`).toBe(
          figure.messages ?? figure.value,
        );
      }
    }
  });

  it('gives the same numbers as CSV', async () => {
    const stats = await overview();
    for (const response of [
      await manager.request('GET', '/api/v1/stats/overview?format=csv'),
      await manager.request('GET', '/api/v1/stats/overview', undefined, { accept: 'text/csv' }),
    ]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    }
    const csv = await (
      await fetch(`${ecoute.url}/api/v1/stats/overview?format=csv`, { headers: { cookie: manager.cookie } })
    ).text();
    const rows = csv
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(rows[0]).toEqual(['section', 'subject', 'metric', 'value', 'link']);
    const value = (section: string, subject: string, metric: string) =>
      rows.find((row) => row[0] === section && row[1] === subject && row[2] === metric)?.[3];
    expect(value('total', '', 'received')).toBe(String(stats.totals.received.value));
    expect(value('total', '', 'answer_rate')).toBe(String(stats.totals.answerRate));
    expect(value('unanswered', '', 'count')).toBe(String(stats.unanswered.count.value));
    expect(value('agent', 'Bo', 'first_replies')).toBe('1');
    expect(value('commitments', 'made_in_period', 'kept_on_time_rate')).toBe('0.25');
  });

  it('is for managers and admins only', async () => {
    expect((await ana.request('GET', '/api/v1/stats/overview')).status).toBe(403);
    expect((await fetch(`${ecoute.url}/api/v1/stats/overview`)).status).toBe(401);
    expect((await admin.request('GET', '/api/v1/stats/overview')).status).toBe(200);
  });

  it('refuses bad input in the contract’s shape', async () => {
    for (const [query, field] of [
      ['?tz=Mars/Olympus', 'tz'],
      ['?tz=%2B01:00', 'tz'],
      ['?from=2026-03-10&to=2026-03-01', 'to'],
      ['?from=2020-01-01&to=2026-01-01', 'from'],
      ['?from=2026-02-30', 'from'],
      ['?teamId=nope', 'teamId'],
    ] as const) {
      const response = await manager.request('GET', `/api/v1/stats/overview${query}`);
      expect(response.status, query).toBe(400);
      expect(response.json.error).toMatchObject({ code: 'invalid_request', fields: { [field]: expect.any(String) } });
    }
  });
});
