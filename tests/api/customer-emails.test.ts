// The customer's choice about emails: the one-click unsubscribe every email carries (RFC 8058), the
// page behind its link (which changes nothing when opened), the tracking page's button and the JSON
// API; a bouncing address stays silent; each change is on the agents' timeline once. And the link
// as a real email carries it, read at a real SMTP server: once used, nothing more is sent.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../server/src/db/schema/index.ts';
import { CUSTOMER_STRINGS } from '../../shared/src/customer-strings.ts';
import { call, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { trackingOf, trackingPageOf, writeMessage, type WrittenMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { postForm } from '../support/http.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const fr = CUSTOMER_STRINGS.fr.emails;
const en = CUSTOMER_STRINGS.en.emails;
/** What the html helper makes of the catalogue's apostrophes and quotes. */
const escaped = (text: string) => text.replaceAll('&', '&amp;').replaceAll("'", '&#39;').replaceAll('"', '&quot;');

describe.each(databaseKinds)('customer emails on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;

  beforeAll(async () => {
    ecoute = await startApp(kind);
    admin = await signIn(ecoute.url);
  });
  afterAll(() => ecoute.close());

  const withAddress = (locale: 'fr' | 'en' = 'fr') =>
    writeMessage(ecoute.url, { body: 'Ma commande est en retard.', email: 'client@example.com', locale });
  const choose = (message: WrittenMessage, state: unknown) =>
    call(ecoute.url, 'PUT', `/api/v1/tracking/${message.token}/emails`, { state });
  const changes = (message: WrittenMessage) => changesOf(admin, message);
  const agentState = async (message: WrittenMessage) =>
    (await admin.request('GET', `/api/v1/messages/${message.id}`)).json.message.customerEmailState;
  const bounce = (message: WrittenMessage) =>
    ecoute.app.db.update(messages).set({ customerEmailState: 'bouncing' }).where(eq(messages.id, message.id));

  it('says on the tracking JSON whether emails are on, and null without an address', async () => {
    expect((await trackingOf(ecoute.url, (await withAddress()).token)).emails).toBe('on');
    const anonymous = await writeMessage(ecoute.url, { body: 'Sans adresse.', locale: 'fr' });
    expect((await trackingOf(ecoute.url, anonymous.token)).emails).toBeNull();
    const page = await trackingPageOf(ecoute.url, anonymous.token);
    expect(page).not.toContain('id="emails"');
    expect(page).not.toContain('/emails/');
  });

  it('opening the link changes nothing: it asks, in the message’s language, with a button that posts', async () => {
    const message = await withAddress();
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${ecoute.url}/t/${message.token}/emails/off`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-robots-tag')).toContain('noindex');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      const page = await response.text();
      expect(page).toContain('<html lang="fr">');
      expect(page).toContain(escaped(fr.confirm));
      expect(page).toContain(`<form method="post" action="/t/${message.token}/emails/off"`);
      expect(page).toContain(escaped(fr.turnOff));
      expect(page).toContain(`href="/t/${message.token}"`);
      expect(page).not.toContain('<script');
    }
    expect((await trackingOf(ecoute.url, message.token)).emails).toBe('on');
    expect(await changes(message)).toEqual([]);

    const english = await withAddress('en');
    const page = await (await fetch(`${ecoute.url}/t/${english.token}/emails/off`)).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain(escaped(en.confirm));
  });

  it('the one-click POST (urlencoded, no cookie, no CSRF token) turns emails off, once', async () => {
    const message = await withAddress();
    for (let i = 0; i < 2; i++) {
      const response = await postForm(`${ecoute.url}/t/${message.token}/emails/off`, {
        'List-Unsubscribe': 'One-Click',
      });
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain(escaped(fr.state.off));
      // And a way back: the button turns them on again.
      expect(page).toContain(`<form method="post" action="/t/${message.token}/emails/on"`);
    }
    expect((await trackingOf(ecoute.url, message.token)).emails).toBe('off');
    expect(await agentState(message)).toBe('off');
    expect(await changes(message)).toEqual(['off']);
  });

  it('takes the one-click POST as multipart form data, and with no body at all', async () => {
    const multipart = await withAddress();
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const response = await fetch(`${ecoute.url}/t/${multipart.token}/emails/off`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect((await trackingOf(ecoute.url, multipart.token)).emails).toBe('off');

    const empty = await withAddress();
    expect((await fetch(`${ecoute.url}/t/${empty.token}/emails/off`, { method: 'POST' })).status).toBe(200);
    expect((await trackingOf(ecoute.url, empty.token)).emails).toBe('off');
  });

  it('goes off and on again from the tracking page and the API, each change on the timeline once', async () => {
    const message = await withAddress();
    let page = await trackingPageOf(ecoute.url, message.token);
    expect(page).toContain('<section aria-labelledby="emails-heading" id="emails">');
    expect(page).toContain(escaped(fr.state.on));
    expect(page).toContain(`<form method="post" action="/t/${message.token}/emails/off"`);

    await postForm(`${ecoute.url}/t/${message.token}/emails/off`, {});
    page = await trackingPageOf(ecoute.url, message.token);
    expect(page).toContain(escaped(fr.state.off));
    expect(page).toContain(`<form method="post" action="/t/${message.token}/emails/on"`);

    const on = await postForm(`${ecoute.url}/t/${message.token}/emails/on`, {});
    expect(on.status).toBe(303);
    expect(on.headers.get('location')).toBe(`/t/${message.token}#emails`);
    expect((await trackingOf(ecoute.url, message.token)).emails).toBe('on');
    expect((await postForm(`${ecoute.url}/t/${message.token}/emails/on`, {})).status).toBe(303);

    expect((await choose(message, 'off')).json).toEqual({ emails: 'off' });
    expect((await choose(message, 'off')).json).toEqual({ emails: 'off' });
    const back = await choose(message, 'on');
    expect(back.status).toBe(200);
    expect(back.json).toEqual({ emails: 'on' });
    expect(back.headers.get('cache-control')).toBe('no-store');

    expect(await changes(message)).toEqual(['off', 'on', 'off', 'on']);
    expect(await agentState(message)).toBe('on');
    // Between colleagues: the customer's page never lists these changes.
    expect((await trackingOf(ecoute.url, message.token)).timeline.map((event: { type: string }) => event.type)).toEqual(
      ['acknowledged'],
    );
  });

  it('a bouncing address cannot be turned on, and the customer is told why', async () => {
    const message = await withAddress();
    await bounce(message);
    expect((await trackingOf(ecoute.url, message.token)).emails).toBe('bouncing');
    const page = await trackingPageOf(ecoute.url, message.token);
    expect(page).toContain(escaped(fr.state.bouncing));
    expect(page).not.toContain(`/t/${message.token}/emails/`);

    const json = await choose(message, 'on');
    expect(json.status).toBe(409);
    expect(json.json.error.code).toBe('email_address_bouncing');
    const form = await postForm(`${ecoute.url}/t/${message.token}/emails/on`, {});
    expect(form.status).toBe(409);
    const refused = await form.text();
    expect(refused).toContain(escaped(fr.cannotTurnOn));
    expect(refused).toContain('role="alert"');

    // Off asks for what already holds: nothing changes, nothing is recorded.
    expect((await choose(message, 'off')).json).toEqual({ emails: 'bouncing' });
    const oneClick = await postForm(`${ecoute.url}/t/${message.token}/emails/off`, { 'List-Unsubscribe': 'One-Click' });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain(escaped(fr.state.bouncing));
    expect(await agentState(message)).toBe('bouncing');
    expect(await changes(message)).toEqual([]);
  });

  it('a message without an address has nothing to turn off or on', async () => {
    const anonymous = await writeMessage(ecoute.url, { body: 'Sans adresse.', locale: 'fr' });
    const json = await choose(anonymous, 'off');
    expect(json.status).toBe(409);
    expect(json.json.error.code).toBe('no_email_address');
    const link = await fetch(`${ecoute.url}/t/${anonymous.token}/emails/off`, { redirect: 'manual' });
    expect(link.status).toBe(303);
    expect(link.headers.get('location')).toBe(`/t/${anonymous.token}`);
    expect(await changes(anonymous)).toEqual([]);
  });

  it('answers unknown and malformed tokens as the tracking page does: 404', async () => {
    for (const bad of ['x'.repeat(43), 'short', '%00']) {
      for (const [method, path] of [
        ['GET', `/t/${bad}/emails/off`],
        ['POST', `/t/${bad}/emails/off`],
        ['POST', `/t/${bad}/emails/on`],
      ] as const) {
        const response = await fetch(`${ecoute.url}${path}`, { method });
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(response.headers.get('content-type')).toContain('text/html');
        expect(await response.text()).toContain(escaped(CUSTOMER_STRINGS.en.errors.notFound.title));
      }
      const json = await call(ecoute.url, 'PUT', `/api/v1/tracking/${bad}/emails`, { state: 'off' });
      expect(json.status).toBe(404);
      expect(json.json.error.code).toBe('not_found');
    }
  });

  it('refuses bad input on the API and changes nothing', async () => {
    const message = await withAddress();
    for (const state of ['bouncing', 'maybe', '', null, true]) {
      const response = await choose(message, state);
      expect(response.status, String(state)).toBe(400);
      expect(response.json.error.code).toBe('invalid_request');
    }
    expect((await call(ecoute.url, 'PUT', `/api/v1/tracking/${message.token}/emails`, {})).status).toBe(400);
    expect((await call(ecoute.url, 'PUT', `/api/v1/tracking/${message.token}/emails`, '{"state":')).status).toBe(400);
    const plain = await call(ecoute.url, 'PUT', `/api/v1/tracking/${message.token}/emails`, 'state=off', {
      'content-type': 'text/plain',
    });
    expect(plain.status).toBe(415);
    expect((await trackingOf(ecoute.url, message.token)).emails).toBe('on');
    expect(await changes(message)).toEqual([]);
  });
});

describe.each(databaseKinds)('the link in the emails themselves, on %s', (kind) => {
  let sink: SmtpSink;
  let ecoute: RunningApp;
  let admin: AgentClient;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ecoute = await startApp(kind, { SMTP_URL: sink.url });
    admin = await signIn(ecoute.url);
  });
  afterAll(async () => {
    await ecoute?.close();
    await sink?.stop();
  });

  const emailsOf = async (message: WrittenMessage) =>
    (await admin.request('GET', `/api/v1/messages/${message.id}`)).json.emails as Array<{
      kind: string;
      state: string;
    }>;
  const reply = (message: WrittenMessage, body: string) =>
    admin.request('POST', `/api/v1/messages/${message.id}/replies`, { body });

  it('stops what follows when a mail client posts its one-click unsubscribe, and the page starts it again', async () => {
    const message = await writeMessage(ecoute.url, {
      body: 'Where is my parcel?',
      email: `parcel.${kind}@example.org`,
      locale: 'en',
    });
    const [acknowledgement] = await sink.waitFor(1);
    const header = acknowledgement!.header('list-unsubscribe')!;
    const stopUrl = /^<(.+)>$/.exec(header)![1]!;
    expect(stopUrl).toBe(`${ecoute.url}/t/${message.token}/emails/off`);
    // The same link for people, in the words of the email.
    expect(acknowledgement!.parsed.text).toContain(stopUrl);
    expect(acknowledgement!.parsed.html).toContain(`href="${stopUrl}"`);

    // What a mail client does (RFC 8058): a POST with nothing but the link's own authority.
    const oneClick = await fetch(stopUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: acknowledgement!.header('list-unsubscribe-post'),
    });
    expect(oneClick.status).toBe(200);

    expect((await reply(message, 'Hello, it leaves today.')).status).toBe(201);
    expect((await emailsOf(message)).map((email) => [email.kind, email.state])).toContainEqual(['reply', 'suppressed']);

    // Back on from the tracking page: the next reply is sent, and it is the second email to arrive.
    expect((await postForm(`${ecoute.url}/t/${message.token}/emails/on`, {})).status).toBe(303);
    expect((await reply(message, 'Hello, it arrives tomorrow.')).status).toBe(201);
    const received = await sink.waitFor(2);
    expect(received[1]!.parsed.text).toContain('it arrives tomorrow');
    expect(received.map((email) => email.parsed.text).join('')).not.toContain('it leaves today');
    expect(await changesOf(admin, message)).toEqual(['off', 'on']);
  });
});

/** The `customer_emails` events on the agents' timeline, as the state each one recorded. */
async function changesOf(admin: AgentClient, message: WrittenMessage): Promise<string[]> {
  const detail = (await admin.request('GET', `/api/v1/messages/${message.id}`)).json;
  return detail.timeline
    .filter((event: { type: string }) => event.type === 'customer_emails')
    .map((event: { detail: string }) => event.detail);
}
