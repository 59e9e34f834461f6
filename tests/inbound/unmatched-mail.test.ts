// The admins' unmatched mail: listed newest first page by page, read with the original, attached
// to a message (the customer's words, recorded as attached by that admin) or dismissed, once each;
// refused to everyone but admins. Agents may open the original of any mail as plain text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createAgent, signIn, type AgentClient } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { INBOUND_ENV, postMail } from '../support/inbound-mail.ts';
import { mailFixture } from '../support/mail-fixtures.ts';

let sequence = 0;
/** A mail nobody can place: a reply to a thread we do not know, sent to someone else. */
async function unmatched(ecoute: RunningApp): Promise<string> {
  sequence += 1;
  const raw = mailFixture('outlook-reply-en.eml', { reply: 'someone@elsewhere.example' })
    .toString()
    .replace('<DB9PR08MB1234ABCD@', `<u${sequence}-${Date.now()}@`);
  const sent = await postMail(ecoute.url, raw);
  expect(sent.json.outcome).toBe('unmatched');
  return sent.json.id;
}

describe.each(databaseKinds)('unmatched mail on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let agent: AgentClient;

  beforeAll(async () => {
    ecoute = await startApp(kind, INBOUND_ENV);
    admin = await signIn(ecoute.url);
    agent = await createAgent(ecoute.url, admin, { email: 'agent@example.com', name: 'Agent', role: 'agent' });
  });
  afterAll(() => ecoute.close());

  it('lists newest first, a page at a time', async () => {
    const ids = [await unmatched(ecoute), await unmatched(ecoute), await unmatched(ecoute)];
    const first = await admin.request('GET', '/api/v1/inbound-mails/unmatched?limit=2');
    expect(first.status).toBe(200);
    expect(first.json.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);
    expect(first.json.items[0]).toMatchObject({
      kind: 'reply',
      outcome: 'unmatched',
      unmatchedReason: 'unknown_thread',
      fromAddress: 'mary.jones@contoso.com',
      subject: 'RE: Your message ECO-1234',
      text: 'Please cancel the order instead.\n\nMary',
      messageId: null,
    });
    expect(first.json.items[0]).not.toHaveProperty('raw');
    const next = await admin.request('GET', `/api/v1/inbound-mails/unmatched?limit=2&cursor=${first.json.nextCursor}`);
    expect(next.json.items[0].id).toBe(ids[0]);
    expectApiError(
      await admin.request('GET', '/api/v1/inbound-mails/unmatched?cursor=nonsense'),
      400,
      'invalid_cursor',
    );
  });

  it('reads one with its original', async () => {
    const id = await unmatched(ecoute);
    const read = await admin.request('GET', `/api/v1/inbound-mails/${id}`);
    expect(read.status).toBe(200);
    expect(read.json.raw).toContain('From: Mary Jones <mary.jones@contoso.com>');
    expect(read.json.raw).toContain('From: Ecoute <someone@elsewhere.example>');
    expectApiError(await admin.request('GET', '/api/v1/inbound-mails/00000000-0000-4000-8000-000000000000'), 404);
  });

  it('attaching makes it the customer’s words on the message, recorded as attached by the admin', async () => {
    const message = await writeMessage(ecoute.url, { body: 'Where is my order?', locale: 'en' });
    await admin.request('POST', `/api/v1/messages/${message.id}/replies`, { body: 'Looking into it.' });
    const id = await unmatched(ecoute);

    const attached = await admin.request('POST', `/api/v1/inbound-mails/${id}/attach`, { messageId: message.id });
    expect(attached.status).toBe(200);
    expect(attached.json).toMatchObject({ outcome: 'attached', messageId: message.id });

    const detail = (await admin.request('GET', `/api/v1/messages/${message.id}`)).json;
    expect(detail.message.status).toBe('unanswered');
    // Without the events of the emails Ecoute writes, which change state in the background.
    const timeline = detail.timeline.filter((event: { type: string }) => event.type !== 'email');
    expect(timeline.slice(-2)).toMatchObject([
      { type: 'mail_attached', visibility: 'internal', actor: { id: admin.user.id }, inboundMail: { id } },
      { type: 'customer_message', actor: null, text: 'Please cancel the order instead.\n\nMary', inboundMail: { id } },
    ]);
    const list = await admin.request('GET', '/api/v1/inbound-mails/unmatched?limit=100');
    expect(list.json.items.map((item: { id: string }) => item.id)).not.toContain(id);

    expectApiError(await admin.request('POST', `/api/v1/inbound-mails/${id}/attach`, { messageId: message.id }), 409);
    expectApiError(await admin.request('POST', `/api/v1/inbound-mails/${id}/dismiss`), 409);
    const other = await unmatched(ecoute);
    const unknownMessage = { messageId: '00000000-0000-4000-8000-000000000000' };
    expectApiError(await admin.request('POST', `/api/v1/inbound-mails/${other}/attach`, unknownMessage), 404);
    expectApiError(await admin.request('POST', `/api/v1/inbound-mails/${other}/attach`, { messageId: 'x' }), 400);
  });

  it('dismissing takes it out of the list, once', async () => {
    const id = await unmatched(ecoute);
    const dismissed = await admin.request('POST', `/api/v1/inbound-mails/${id}/dismiss`);
    expect(dismissed.json).toMatchObject({ id, outcome: 'dismissed' });
    const list = await admin.request('GET', '/api/v1/inbound-mails/unmatched?limit=100');
    expect(list.json.items.map((item: { id: string }) => item.id)).not.toContain(id);
    expectApiError(await admin.request('POST', `/api/v1/inbound-mails/${id}/dismiss`), 409);
  });

  it('only admins: an agent gets 403, nobody signed in 401', async () => {
    const id = await unmatched(ecoute);
    const message = await writeMessage(ecoute.url, { body: 'Hello there.', locale: 'en' });
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/inbound-mails/unmatched'],
      ['GET', `/api/v1/inbound-mails/${id}`],
      ['POST', `/api/v1/inbound-mails/${id}/attach`, { messageId: message.id }],
      ['POST', `/api/v1/inbound-mails/${id}/dismiss`],
    ];
    for (const [method, path, body] of attempts) {
      expectApiError(await agent.request(method, path, body), 403);
      expectApiError(await call(ecoute.url, method, path, body), 401);
    }
    // Nothing happened: it still waits.
    expect((await admin.request('GET', `/api/v1/inbound-mails/${id}`)).json.outcome).toBe('unmatched');
  });

  it('agents open the original as plain text that no browser renders', async () => {
    const id = await unmatched(ecoute);
    const response = await fetch(`${ecoute.url}/api/v1/inbound-mails/${id}/raw`, { headers: { cookie: agent.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="mail-${id}.txt"`);
    expect(await response.text()).toContain('Subject: RE: Your message ECO-1234');
    expectApiError(await call(ecoute.url, 'GET', `/api/v1/inbound-mails/${id}/raw`), 401);
  });
});
