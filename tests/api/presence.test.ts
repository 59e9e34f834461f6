// Presence: agents' heartbeats on a message (viewing, writing), read back by colleagues on the message
// and for the inbox rows, never oneself; gone at once on leaving, on its own when the heartbeats stop
// (a short ECOUTE_PRESENCE_TTL_S here), and at once for a deactivated user; the same on two processes
// sharing one PostgreSQL. Agents only.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createAgent, signIn, type AgentClient } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeMessage, type WrittenMessage } from '../support/customer.ts';
import { databaseKinds, freshDatabase } from '../support/databases.ts';

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
  afterAll(() => ecoute.close());

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
      expect((await ana.request('PUT', `/api/v1/messages/${message.id}/presence`, { state: 'writing' })).status).toBe(
        200,
      );
      const seen = await bo.request('PUT', `/api/v1/messages/${message.id}/presence`, { state: 'viewing' });
      expect(seen.json.items).toEqual([
        { messageId: message.id, user: { id: ana.user.id, name: 'Ana' }, state: 'writing' },
      ]);
      expect((await ana.request('DELETE', `/api/v1/messages/${message.id}/presence`)).status).toBe(204);
      expect((await bo.request('GET', '/api/v1/messages/presence')).json.items).toEqual([]);
    } finally {
      await second.close();
      await first.close();
      await database.drop();
    }
  });
});
