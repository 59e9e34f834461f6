// Presence: agents' heartbeats on a message (viewing, writing), read back by colleagues on the message
// and for the inbox rows, never oneself; gone at once on leaving, on its own when the heartbeats stop
// (a short ECOUTE_PRESENCE_TTL_S here), and at once for a deactivated user; the same on two processes
// sharing one PostgreSQL. Agents only. Each change (not each renewal) reaches colleagues' live
// streams as a `presence` event, the expiry of a closed tab and a deactivation too, across processes.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createAgent, signIn, type AgentClient } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeMessage, type WrittenMessage } from '../support/customer.ts';
import { databaseKinds, freshDatabase } from '../support/databases.ts';
import { openEventStream, type EventStream, type StreamEvent } from '../support/event-stream.ts';

const TTL_S = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(databaseKinds)('presence on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let ana: AgentClient;
  let bo: AgentClient;

  beforeAll(async () => {
    ecoute = await startApp(kind, { ECOUTE_PRESENCE_TTL_S: String(TTL_S) });
    admin = await signIn(ecoute.url);
    ana = await createAgent(ecoute.url, admin, { email: 'ana@example.org', name: 'Ana', role: 'agent' });
    bo = await createAgent(ecoute.url, admin, { email: 'bo@example.org', name: 'Bo', role: 'agent' });
  });
  const streams: EventStream[] = [];
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await ecoute.close();
  });

  const write = () => writeMessage(ecoute.url, { body: 'Où en est ma commande ?', name: 'Jo' });
  const beat = async (client: AgentClient, message: WrittenMessage, state: 'viewing' | 'writing') => {
    const response = await client.request('PUT', `/api/v1/messages/${message.id}/presence`, { state });
    expect(response.status).toBe(200);
    return response.json;
  };
  const leave = (client: AgentClient, message: WrittenMessage) =>
    client.request('DELETE', `/api/v1/messages/${message.id}/presence`);
  const everywhere = async (client: AgentClient) => {
    const response = await client.request('GET', '/api/v1/messages/presence');
    expect(response.status).toBe(200);
    return response.json.items;
  };
  const on = (message: WrittenMessage, user: AgentClient, state: string) => ({
    messageId: message.id,
    user: { id: user.user.id, name: user.user.name },
    state,
  });

  it('shows each agent the others on the message, with what they are doing, never themselves', async () => {
    const message = await write();
    const alone = await beat(ana, message, 'viewing');
    expect(alone.items).toEqual([]);
    expect(alone.refreshInS).toBeCloseTo(TTL_S * 0.4);
    expect((await beat(bo, message, 'writing')).items).toEqual([on(message, ana, 'viewing')]);
    expect((await beat(ana, message, 'viewing')).items).toEqual([on(message, bo, 'writing')]);
    // Bo stopped typing: the next heartbeat says so.
    await beat(bo, message, 'viewing');
    expect((await beat(ana, message, 'viewing')).items).toEqual([on(message, bo, 'viewing')]);

    // The inbox reads everyone on every message at once.
    const other = await write();
    await beat(bo, other, 'writing');
    expect(await everywhere(ana)).toEqual(
      expect.arrayContaining([on(message, bo, 'viewing'), on(other, bo, 'writing')]),
    );
    expect((await everywhere(ana)).some((item: { user: { id: string } }) => item.user.id === ana.user.id)).toBe(false);
    expect(await everywhere(bo)).toEqual(expect.arrayContaining([on(message, ana, 'viewing')]));
  });

  it('forgets an agent at once when they leave, and leaving twice is fine', async () => {
    const message = await write();
    await beat(ana, message, 'viewing');
    expect((await beat(bo, message, 'viewing')).items).toHaveLength(1);
    expect((await leave(ana, message)).status).toBe(204);
    expect((await leave(ana, message)).status).toBe(204);
    expect((await beat(bo, message, 'viewing')).items).toEqual([]);
  });

  it('forgets an agent whose heartbeats stopped, and deletes their row', async () => {
    const message = await write();
    await beat(ana, message, 'writing');
    expect((await beat(bo, message, 'viewing')).items).toEqual([on(message, ana, 'writing')]);
    // A heartbeat in time keeps Ana there…
    await sleep(TTL_S * 500);
    await beat(ana, message, 'writing');
    await sleep(TTL_S * 700);
    expect((await beat(bo, message, 'viewing')).items).toEqual([on(message, ana, 'writing')]);
    // …none, and she is gone (her tab closed, her network lost).
    await sleep(TTL_S * 1000 + 200);
    expect((await beat(bo, message, 'viewing')).items).toEqual([]);
    expect(await everywhere(bo)).toEqual([]);
    const { rows } = await ecoute.app.db.execute<{ userId: string }>(
      sql`select user_id as "userId" from presence where message_id = ${message.id}`,
    );
    expect(rows).toEqual([{ userId: bo.user.id }]);
  });

  it('forgets a deactivated user at once', async () => {
    const cleo = await createAgent(ecoute.url, admin, { email: 'cleo@example.org', name: 'Cléo', role: 'agent' });
    const message = await write();
    await beat(cleo, message, 'writing');
    expect((await beat(bo, message, 'viewing')).items).toEqual([on(message, cleo, 'writing')]);
    expect((await admin.request('PATCH', `/api/v1/users/${cleo.user.id}`, { active: false })).status).toBe(200);
    expect((await beat(bo, message, 'viewing')).items).toEqual([]);
    expect(await everywhere(bo)).toEqual([]);
  });

  /** A colleague's live stream, once it is listening. */
  const streamOf = async (client: AgentClient, url = ecoute.url) => {
    const stream = await openEventStream(url, client.cookie);
    streams.push(stream);
    await stream.next((event) => event.event === 'ready');
    return stream;
  };
  const presenceEvents = (stream: EventStream, message: WrittenMessage) =>
    stream.events.filter((event) => event.event === 'presence' && event.data.messageId === message.id);
  /** The `nth` presence event about the message (1 for the first). */
  const nthPresence = (stream: EventStream, message: WrittenMessage, nth: number, timeoutMs?: number) =>
    stream
      .next(() => presenceEvents(stream, message).length >= nth, timeoutMs)
      .then(() => presenceEvents(stream, message)[nth - 1]!);
  const said = (event: StreamEvent) => ({ id: event.id, data: event.data });

  it('tells colleagues’ streams at once who arrived, who writes, who left, and nothing on a mere renewal', async () => {
    const message = await write();
    const boStream = await streamOf(bo);
    await beat(ana, message, 'viewing');
    expect(said(await nthPresence(boStream, message, 1))).toEqual({
      id: undefined,
      data: { messageId: message.id, items: [on(message, ana, 'viewing')] },
    });
    // A renewal is no news; writing is.
    await beat(ana, message, 'viewing');
    await beat(ana, message, 'writing');
    expect((await nthPresence(boStream, message, 2)).data.items).toEqual([on(message, ana, 'writing')]);
    // Everyone on the message, the reader too: the SPA leaves itself out.
    await beat(bo, message, 'viewing');
    expect((await nthPresence(boStream, message, 3)).data.items).toEqual([
      on(message, ana, 'writing'),
      on(message, bo, 'viewing'),
    ]);
    expect((await leave(ana, message)).status).toBe(204);
    expect((await nthPresence(boStream, message, 4)).data.items).toEqual([on(message, bo, 'viewing')]);
    // Leaving again, and a heartbeat on a message that does not exist, say nothing.
    expect((await leave(ana, message)).status).toBe(204);
    const unknown = await ana.request('PUT', '/api/v1/messages/00000000-0000-4000-8000-000000000000/presence', {
      state: 'viewing',
    });
    expectApiError(unknown, 404, 'not_found');
    await beat(ana, message, 'writing');
    expect((await nthPresence(boStream, message, 5)).data.items).toEqual([
      on(message, ana, 'writing'),
      on(message, bo, 'viewing'),
    ]);
    expect(presenceEvents(boStream, message)).toHaveLength(5);
    // Ids and names only: never the customer's words.
    expect(JSON.stringify(boStream.events)).not.toContain('commande');
  });

  it('tells colleagues’ streams when a tab closed without a goodbye, within the TTL and one sweep', async () => {
    const message = await write();
    await beat(ana, message, 'writing');
    const boStream = await streamOf(bo);
    const closedAt = Date.now();
    // The sweep runs every fifth of the TTL (at most 5 s): gone within TTL + TTL / 5 of the last heartbeat.
    const gone = await nthPresence(boStream, message, 1, TTL_S * 1000 * 1.2 + 2_000);
    expect(gone.data.items).toEqual([]);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(TTL_S * 1000 - 500);
    const { rows } = await ecoute.app.db.execute(sql`select 1 from presence where message_id = ${message.id}`);
    expect(rows).toEqual([]);
  });

  it('tells colleagues’ streams that a deactivated user is gone, within seconds', async () => {
    const dan = await createAgent(ecoute.url, admin, { email: 'dan@example.org', name: 'Dan', role: 'agent' });
    const message = await write();
    const boStream = await streamOf(bo);
    await beat(dan, message, 'viewing');
    expect((await nthPresence(boStream, message, 1)).data.items).toEqual([on(message, dan, 'viewing')]);
    expect((await admin.request('PATCH', `/api/v1/users/${dan.user.id}`, { active: false })).status).toBe(200);
    expect((await nthPresence(boStream, message, 2, 5_000)).data.items).toEqual([]);
  });

  it('is for signed-in agents only, with the CSRF token on changes', async () => {
    const message = await write();
    for (const [method, path] of [
      ['GET', '/api/v1/messages/presence'],
      ['PUT', `/api/v1/messages/${message.id}/presence`],
      ['DELETE', `/api/v1/messages/${message.id}/presence`],
    ] as const) {
      expectApiError(await call(ecoute.url, method, path, method === 'PUT' ? { state: 'viewing' } : undefined), 401);
    }
    const forged = await call(
      ecoute.url,
      'PUT',
      `/api/v1/messages/${message.id}/presence`,
      { state: 'viewing' },
      { cookie: ana.cookie },
    );
    expectApiError(forged, 403);
    expect(await everywhere(bo)).toEqual([]);
    // Managers and admins are agents too.
    await beat(admin, message, 'viewing');
    expect((await beat(bo, message, 'viewing')).items).toEqual([on(message, admin, 'viewing')]);
  });
});

describe.runIf(databaseKinds.includes('postgres'))('presence across two processes on one PostgreSQL', () => {
  it('shows an agent whose heartbeats one process took to a colleague served by the other', async () => {
    const database = await freshDatabase('postgres');
    const env = { ECOUTE_PRESENCE_TTL_S: String(TTL_S) };
    const first = await startApp('postgres', env, database);
    const second = await startApp('postgres', env, database);
    try {
      const admin = await signIn(first.url);
      const ana = await createAgent(first.url, admin, { email: 'ana@example.org', name: 'Ana', role: 'agent' });
      const bo = await createAgent(second.url, await signIn(second.url), {
        email: 'bo@example.org',
        name: 'Bo',
        role: 'agent',
      });
      const message = await writeMessage(first.url, { body: 'Bonjour, une question.' });
      // Bo's stream is held by the second process; Ana's heartbeats go to the first.
      const boStream = await openEventStream(second.url, bo.cookie);
      await boStream.next((event) => event.event === 'ready');
      expect((await ana.request('PUT', `/api/v1/messages/${message.id}/presence`, { state: 'writing' })).status).toBe(
        200,
      );
      const told = await boStream.next((event) => event.event === 'presence');
      expect(told.data).toEqual({
        messageId: message.id,
        items: [{ messageId: message.id, user: { id: ana.user.id, name: 'Ana' }, state: 'writing' }],
      });
      const seen = await bo.request('PUT', `/api/v1/messages/${message.id}/presence`, { state: 'viewing' });
      expect(seen.json.items).toEqual([
        { messageId: message.id, user: { id: ana.user.id, name: 'Ana' }, state: 'writing' },
      ]);
      expect((await ana.request('DELETE', `/api/v1/messages/${message.id}/presence`)).status).toBe(204);
      expect((await bo.request('GET', '/api/v1/messages/presence')).json.items).toEqual([]);
      // Ana left through the first process: the second's stream is told.
      await boStream.next(
        (event) =>
          event.event === 'presence' && event.data.items.length === 1 && event.data.items[0].user.id === bo.user.id,
      );
      boStream.close();
    } finally {
      await second.close();
      await first.close();
      await database.drop();
    }
  });
});
