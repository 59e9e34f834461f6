// The reply collision check: a reply sent with the last timeline event the agent read is refused (409
// `conversation_changed`, nothing stored) when the customer wrote or a colleague replied, noted or
// resolved a commitment after it; what the agent did themselves, and facts that change no words
// (tags, assignment), do not count. An Idempotency-Key's retry of a stored reply still replays, and
// sending again with the newest id ("send anyway") goes through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, dueIn, signIn, type AgentClient, type AgentResponse } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { trackingOf, writeAgain, writeMessage, type WrittenMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';

describe.each(databaseKinds)('the reply collision check on %s', (kind) => {
  let ecoute: RunningApp;
  let sam: AgentClient;
  let lou: AgentClient;

  beforeAll(async () => {
    ecoute = await startApp(kind);
    const admin = await signIn(ecoute.url);
    sam = await createAgent(ecoute.url, admin, { email: 'sam@example.org', name: 'Sam', role: 'agent' });
    lou = await createAgent(ecoute.url, admin, { email: 'lou@example.org', name: 'Lou', role: 'agent' });
  });
  afterAll(() => ecoute.close());

  const write = () => writeMessage(ecoute.url, { body: 'Mon colis est arrivé abîmé.', name: 'Camille' });
  /** The id of the last event on the message's timeline, as the agent's page shows it. */
  const lastEventId = async (message: WrittenMessage, client = sam) =>
    (await client.request('GET', `/api/v1/messages/${message.id}`)).json.timeline.at(-1).id as string;
  const timelineOf = async (message: WrittenMessage) =>
    (await sam.request('GET', `/api/v1/messages/${message.id}`)).json.timeline.filter(
      (event: { type: string }) => event.type !== 'email',
    );
  const reply = (
    message: WrittenMessage,
    body: Record<string, unknown>,
    client = sam,
    headers: Record<string, string> = {},
  ) =>
    client.request(
      'POST',
      `/api/v1/messages/${message.id}/replies`,
      { body: 'Bonjour Camille, nous vous envoyons un autre colis.', ...body },
      headers,
    );

  /** A 409 `conversation_changed` in the contract's shape, with `changes`; returns them. */
  function expectChanged(response: AgentResponse) {
    expect(response.status).toBe(409);
    expect(Object.keys(response.json)).toEqual(['error']);
    expect(Object.keys(response.json.error).sort()).toEqual(['changes', 'code', 'message']);
    expect(response.json.error.code).toBe('conversation_changed');
    expect(response.json.error.message).toMatch(/changed/);
    return response.json.error.changes as Array<{ id: string; type: string; text: string | null; actor: unknown }>;
  }

  it('refuses a reply when the customer wrote since, stores nothing, and sends anyway once read', async () => {
    const message = await write();
    const seen = await lastEventId(message);
    expect((await writeAgain(ecoute.url, message.token, 'En fait, c’est le deuxième cette année.')).status).toBe(201);
    const before = await timelineOf(message);

    const changes = expectChanged(await reply(message, { lastSeenEventId: seen }));
    expect(changes).toEqual([
      expect.objectContaining({
        type: 'customer_message',
        actor: null,
        text: 'En fait, c’est le deuxième cette année.',
      }),
    ]);
    // Nothing stored: no reply on either side, the message still waits.
    expect(await timelineOf(message)).toEqual(before);
    expect((await trackingOf(ecoute.url, message.token)).timeline.some((e: any) => e.type === 'reply')).toBe(false);
    expect((await sam.request('GET', `/api/v1/messages/${message.id}`)).json.message.status).toBe('unanswered');

    const anyway = await reply(message, { lastSeenEventId: changes.at(-1)!.id });
    expect(anyway.status).toBe(201);
    expect(anyway.json.event).toMatchObject({ type: 'reply', actor: { id: sam.user.id } });
  });

  it('refuses a reply when a colleague replied since, naming them and their words', async () => {
    const message = await write();
    const seen = await lastEventId(message);
    expect((await reply(message, { body: 'Bonjour Camille, Lou ici : un colis part demain.' }, lou)).status).toBe(201);

    const changes = expectChanged(
      await reply(message, { lastSeenEventId: seen, commitments: [{ description: 'Rappeler', dueOn: dueIn(2) }] }),
    );
    expect(changes).toEqual([
      expect.objectContaining({
        type: 'reply',
        actor: { id: lou.user.id, name: 'Lou' },
        text: 'Bonjour Camille, Lou ici : un colis part demain.',
      }),
    ]);
    // The commitment that came with the refused reply was not made either.
    expect((await sam.request('GET', `/api/v1/messages/${message.id}`)).json.commitments).toEqual([]);
  });

  it('counts a colleague’s note and a commitment they kept; not tags, an assignment, nor one’s own acts', async () => {
    const message = await write();
    const seen = await lastEventId(message);
    // Facts that change no words, and what Sam did himself.
    expect((await lou.request('PUT', `/api/v1/messages/${message.id}/tags`, { tags: ['colis'] })).status).toBe(200);
    expect((await lou.request('PATCH', `/api/v1/messages/${message.id}`, { assigneeId: lou.user.id })).status).toBe(
      200,
    );
    expect(
      (await sam.request('POST', `/api/v1/messages/${message.id}/notes`, { body: 'Je m’en occupe.' })).status,
    ).toBe(201);
    const promised = await reply(message, {
      lastSeenEventId: seen,
      commitments: [{ description: 'Envoyer un colis', dueOn: dueIn(3) }],
    });
    expect(promised.status).toBe(201);
    // Sam's own reply does not stop his next one either (a second tab, a page not yet refreshed).
    expect((await reply(message, { body: 'Bonjour Camille, un détail encore.', lastSeenEventId: seen })).status).toBe(
      201,
    );

    const afterSam = await lastEventId(message);
    expect(
      (await lou.request('POST', `/api/v1/messages/${message.id}/notes`, { body: 'Elle a rappelé.' })).status,
    ).toBe(201);
    expect(expectChanged(await reply(message, { lastSeenEventId: afterSam }))).toEqual([
      expect.objectContaining({ type: 'note', actor: { id: lou.user.id, name: 'Lou' }, text: 'Elle a rappelé.' }),
    ]);

    const afterNote = await lastEventId(message);
    const kept = await lou.request('POST', `/api/v1/commitments/${promised.json.commitments[0].id}/fulfil`, {
      outcome: 'Colis envoyé ce matin.',
    });
    expect(kept.status).toBe(200);
    expect(expectChanged(await reply(message, { lastSeenEventId: afterNote }))).toEqual([
      expect.objectContaining({ type: 'commitment_fulfilled', text: 'Colis envoyé ce matin.' }),
    ]);
  });

  it('lists every change since, oldest first', async () => {
    const message = await write();
    const seen = await lastEventId(message);
    await writeAgain(ecoute.url, message.token, 'Premier ajout.');
    await reply(message, { body: 'Bonjour Camille, c’est noté.' }, lou);
    await writeAgain(ecoute.url, message.token, 'Second ajout.');
    const changes = expectChanged(await reply(message, { lastSeenEventId: seen }));
    expect(changes.map((change) => [change.type, change.text])).toEqual([
      ['customer_message', 'Premier ajout.'],
      ['reply', 'Bonjour Camille, c’est noté.'],
      ['customer_message', 'Second ajout.'],
    ]);
    // Having read only the first, the agent is told of the two after it.
    expect(expectChanged(await reply(message, { lastSeenEventId: changes[0]!.id })).map((c) => c.text)).toEqual([
      'Bonjour Camille, c’est noté.',
      'Second ajout.',
    ]);
  });

  it('replays a reply that was stored, with its Idempotency-Key, even when the conversation changed since', async () => {
    const message = await write();
    const seen = await lastEventId(message);
    const key = { 'idempotency-key': 'collision-replay-0001' };
    const first = await reply(message, { lastSeenEventId: seen }, sam, key);
    expect(first.status).toBe(201);
    await writeAgain(ecoute.url, message.token, 'Merci, mais encore une question.');
    // The answer was lost: the composer sends the same reply again, with the same key.
    const again = await reply(message, { lastSeenEventId: seen }, sam, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.event.id).toBe(first.json.event.id);
    // A page refreshed in between sends a newer last seen event with it: still the same reply.
    const refreshed = await reply(message, { lastSeenEventId: await lastEventId(message) }, sam, key);
    expect(refreshed.json.event.id).toBe(first.json.event.id);
    expect((await timelineOf(message)).filter((event: { type: string }) => event.type === 'reply')).toHaveLength(1);
  });

  it('does not spend the Idempotency-Key of a refused reply: sending anyway with it stores the reply once', async () => {
    const message = await write();
    const seen = await lastEventId(message);
    await reply(message, { body: 'Bonjour Camille, Lou vous répond.' }, lou);
    const key = { 'idempotency-key': 'collision-anyway-0001' };
    const changes = expectChanged(await reply(message, { lastSeenEventId: seen }, sam, key));
    const anyway = await reply(message, { lastSeenEventId: changes.at(-1)!.id }, sam, key);
    expect(anyway.status).toBe(201);
    expect(anyway.headers.get('idempotent-replayed')).toBeNull();
    const replayed = await reply(message, { lastSeenEventId: changes.at(-1)!.id }, sam, key);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.json.event.id).toBe(anyway.json.event.id);
    const replies = (await timelineOf(message)).filter((event: { type: string }) => event.type === 'reply');
    expect(replies.map((event: { actor: { name: string } }) => event.actor.name)).toEqual(['Lou', 'Sam']);
  });

  it('checks nothing without lastSeenEventId (API clients from before the check)', async () => {
    const message = await write();
    await writeAgain(ecoute.url, message.token, 'Encore moi.');
    await reply(message, { body: 'Bonjour Camille, Lou ici.' }, lou);
    expect((await reply(message, {})).status).toBe(201);
  });

  it('documents the check and its 409 in the OpenAPI description', async () => {
    const response = await fetch(`${ecoute.url}/api/docs/json`);
    const spec = await response.json();
    const operation = spec.paths['/api/v1/messages/{id}/replies'].post;
    expect(operation.description).toMatch(/lastSeenEventId/);
    expect(operation.description).toMatch(/conversation_changed/);
    const conflict = operation.responses['409'].content['application/json'].schema;
    expect(JSON.stringify(conflict)).toMatch(/changes/);
  });
});
