// The live inbox's stream (GET /api/v1/events) on each database: what happens to messages arrives
// as numbered events; a reconnection with Last-Event-ID receives exactly what it missed, or one
// `resync` past the bound (too many, from the future, older than what is kept); an ended session's
// stream closes within seconds; an idle stream gets a heartbeat comment every ECOUTE_STREAM_HEARTBEAT_S
// (short here); closing the app closes streams at once; transient events reach the open streams
// without a number; bad input gets a clear answer.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_REPLAY_LIMIT } from '../../shared/src/live-events.ts';
import { createAgent, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { openEventStream, type EventStream } from '../support/event-stream.ts';
import { LISTENER_APPLICATION_NAME } from '../../server/src/db/listen.ts';
import { liveEventBounds, numberLiveEvents, pruneLiveEvents } from '../../server/src/db/live-events.repo.ts';

/** The heartbeat here: a test waits for one, not for the default 15 s. */
const HEARTBEAT_S = 1;

describe.each(databaseKinds)('the live inbox stream on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let closed = false;
  const open: EventStream[] = [];

  const stream = async (client: AgentClient, headers: Record<string, string> = {}) => {
    const opened = await openEventStream(ecoute.url, client.cookie, headers);
    open.push(opened);
    return opened;
  };
  const ready = async (client: AgentClient) => {
    const opened = await stream(client);
    const first = await opened.next((event) => event.event === 'ready');
    return { opened, position: Number(first.id) };
  };

  beforeAll(async () => {
    ecoute = await startApp(kind, { ECOUTE_STREAM_HEARTBEAT_S: String(HEARTBEAT_S) });
    admin = await signIn(ecoute.url);
  });
  afterAll(async () => {
    for (const opened of open) opened.close();
    if (!closed) await ecoute?.close();
  });

  it('streams a new message and what agents do to it, numbered in order, with the headers proxies need', async () => {
    const { opened, position } = await ready(admin);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(opened.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(opened.headers.get('x-accel-buffering')).toBe('no');
    expect(opened.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(opened.headers.get('x-request-id')).toBeTruthy();

    const message = await writeMessage(ecoute.url, { body: 'My parcel never came.', locale: 'en' });
    const acknowledged = await opened.next((event) => event.event === 'change' && event.data.messageId === message.id);
    expect(acknowledged.data).toMatchObject({ type: 'acknowledged', actorId: null, messageId: message.id });
    expect(Number(acknowledged.id)).toBeGreaterThan(position);
    expect(acknowledged.data.id).toBe(Number(acknowledged.id));

    await admin.request('POST', `/api/v1/messages/${message.id}/notes`, { body: 'Ask the carrier.' });
    await admin.request('PUT', `/api/v1/messages/${message.id}/tags`, { tags: ['delivery'] });
    await admin.request('PATCH', `/api/v1/messages/${message.id}`, { assigneeId: admin.user.id });
    await admin.request('POST', `/api/v1/messages/${message.id}/replies`, { body: 'Hello, we are on it.' });
    await opened.next((event) => event.data.type === 'reply');
    const changes = opened.events.filter((event) => event.event === 'change' && event.data.messageId === message.id);
    expect(changes.map((event) => event.data.type)).toEqual(['acknowledged', 'note', 'tagged', 'assigned', 'reply']);
    expect(changes.slice(1).every((event) => event.data.actorId === admin.user.id)).toBe(true);
    const ids = changes.map((event) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // Ids only: never the customer's words.
    expect(JSON.stringify(changes)).not.toContain('parcel');
  });

  it('gives a reconnection exactly what it missed, once, in order', async () => {
    const message = await writeMessage(ecoute.url, { body: 'Wrong size.', locale: 'en' });
    const { opened, position } = await ready(admin);
    opened.close();
    await admin.request('POST', `/api/v1/messages/${message.id}/notes`, { body: 'Exchange it.' });
    const second = await writeMessage(ecoute.url, { body: 'Also the colour.', locale: 'en' });
    await admin.request('PUT', `/api/v1/messages/${second.id}/tags`, { tags: ['size', 'colour'] });

    const resumed = await stream(admin, { 'last-event-id': String(position) });
    expect(resumed.status).toBe(200);
    const tagged = await resumed.next((event) => event.data.type === 'tagged' && event.data.messageId === second.id);
    const later = await writeMessage(ecoute.url, { body: 'And the price.', locale: 'en' });
    await resumed.next((event) => event.data.messageId === later.id);
    expect(resumed.events.map((event) => [event.event, event.data.type, event.data.messageId])).toEqual([
      ['change', 'note', message.id],
      ['change', 'acknowledged', second.id],
      ['change', 'tagged', second.id],
      ['change', 'tagged', second.id],
      ['change', 'acknowledged', later.id],
    ]);
    const ids = resumed.events.map((event) => Number(event.id));
    expect(ids[0]).toBe(position + 1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Number(tagged.id)).toBeLessThan(ids.at(-1)!);
  });

  it(`sends one resync past ${LIVE_REPLAY_LIMIT} missed events, for a number from the future, and past what is kept`, async () => {
    const message = await writeMessage(ecoute.url, { body: 'Many things happened.', locale: 'en' });
    const { opened, position } = await ready(admin);
    opened.close();
    // More events than a reconnection is given: timeline events written straight to the database.
    await ecoute.app.db.execute(sql`
      insert into timeline_events (message_id, type, visibility, body)
      select ${message.id}, 'note', 'internal', 'note ' || n from generate_series(1, ${LIVE_REPLAY_LIMIT + 1}) n`);
    await numberLiveEvents(ecoute.app.db);
    const { newest } = await liveEventBounds(ecoute.app.db);

    const resumed = await stream(admin, { 'last-event-id': String(position) });
    const resync = await resumed.next((event) => event.event === 'resync');
    expect(Number(resync.id)).toBe(newest);
    expect(resync.data).toEqual({ id: newest });
    // Then it carries on from there.
    const after = await writeMessage(ecoute.url, { body: 'One more.', locale: 'en' });
    await resumed.next((event) => event.data.messageId === after.id);
    expect(resumed.events.map((event) => event.event)).toEqual(['resync', 'change']);

    const future = await stream(admin, { 'last-event-id': String(newest + 1_000) });
    expect((await future.next((event) => event.event === 'resync')).data.id).toBeGreaterThanOrEqual(newest);

    // Everything but the last event ages out: a reconnection from before it is told to resync.
    await ecoute.app.db.execute(sql`update live_events set created_at = now() - interval '2 days'
                                    where id < (select max(id) from live_events)`);
    await pruneLiveEvents(ecoute.app.db, new Date(Date.now() - 86_400_000));
    const pruned = await stream(admin, { 'last-event-id': String(position) });
    expect((await pruned.next((event) => event.event === 'resync')).event).toBe('resync');
    expect(pruned.events.filter((event) => event.event === 'change')).toEqual([]);
  });

  it('sends an idle stream a heartbeat comment within the interval, and nothing else', async () => {
    const { opened } = await ready(admin);
    const comments = opened.comments;
    // Within the interval (and a margin for a busy machine), then again: a comment each interval.
    await expect
      .poll(() => opened.comments, { timeout: HEARTBEAT_S * 1000 + 1_000, interval: 50 })
      .toBeGreaterThan(comments);
    await expect
      .poll(() => opened.comments, { timeout: HEARTBEAT_S * 1000 + 1_000, interval: 50 })
      .toBeGreaterThan(comments + 1);
    expect(opened.events.map((event) => event.event)).toEqual(['ready']);
  });

  it('refuses a malformed Last-Event-ID and a client that is not signed in, in the API’s shape', async () => {
    for (const lastEventId of ['abc', '-1', '1.5', '9'.repeat(16), ' ']) {
      const refused = await admin.request('GET', '/api/v1/events', undefined, {
        accept: 'text/event-stream',
        'last-event-id': lastEventId,
      });
      expect(refused.status, lastEventId).toBe(400);
      expect(refused.json.error.code).toBe('invalid_request');
      expect(refused.json.error.fields).toHaveProperty('last-event-id');
    }
    const anonymous = await openEventStream(ecoute.url, '');
    expect(anonymous.status).toBe(401);
    await anonymous.ended;
  });

  it('closes the stream of a session that signed out, and of a user deactivated, within a few seconds', async () => {
    const agent = await createAgent(ecoute.url, admin, {
      email: 'live@example.org',
      name: 'Live Agent',
      role: 'agent',
    });
    const { opened } = await ready(agent);
    const started = Date.now();
    expect((await agent.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    await opened.ended;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await openEventStream(ecoute.url, agent.cookie)).status).toBe(401);

    const again = await signIn(ecoute.url, { email: 'live@example.org', password: 'password of live@example.org' });
    const second = await ready(again);
    const deactivatedAt = Date.now();
    expect((await admin.request('PATCH', `/api/v1/users/${again.user.id}`, { active: false })).status).toBe(200);
    await second.opened.ended;
    expect(Date.now() - deactivatedAt).toBeLessThan(5_000);
  });

  it('sends transient events (presence) to open streams without a number', async () => {
    const message = await writeMessage(ecoute.url, { body: 'Who is looking?', locale: 'en' });
    const { opened } = await ready(admin);
    await ecoute.app.live.publishTransient({ event: 'presence', messageId: message.id, data: { viewing: ['x'] } });
    const presence = await opened.next((event) => event.event === 'presence');
    expect(presence).toEqual({ id: undefined, event: 'presence', data: { viewing: ['x'] } });
    await expect(ecoute.app.live.publishTransient({ event: 'change', messageId: null, data: {} })).rejects.toThrow();
  });

  // PostgreSQL only: PGlite's listener is no connection that can be lost (it is the database itself).
  const onPostgres = kind === 'postgres' ? it : () => {};
  onPostgres('reads what was committed while its listening connection was lost', async () => {
    const { opened } = await ready(admin);
    await ecoute.app.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
                                    where application_name = ${LISTENER_APPLICATION_NAME} and datname = current_database()`);
    const during = await writeMessage(ecoute.url, { body: 'While the listener was away.', locale: 'en' });
    await opened.next((event) => event.data.messageId === during.id);
    const after = await writeMessage(ecoute.url, { body: 'Once it is back.', locale: 'en' });
    await opened.next((event) => event.data.messageId === after.id);
  });

  // PostgreSQL only: PGlite runs one transaction at a time.
  onPostgres('streams a change while another transaction, begun before it, is still open', async () => {
    const { opened } = await ready(admin);
    await ecoute.app.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_current_xact_id()`);
      const meanwhile = await writeMessage(ecoute.url, { body: 'While a long report runs.', locale: 'en' });
      await opened.next((event) => event.data.messageId === meanwhile.id, 5_000);
    });
  });

  it('closes every stream at once when the app closes', async () => {
    const { opened } = await ready(admin);
    const started = Date.now();
    closed = true;
    await ecoute.close();
    await opened.ended;
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
