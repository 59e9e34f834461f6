// What a customer and a team receive by email from a running Ecoute, read at a real SMTP server:
// words in the message's language with everything they wrote escaped, the tracking link, threading
// headers, the reply and bounce addresses, one-click unsubscribe, Auto-Submitted on what is
// automatic; and what agents see of each email's delivery on the message's timeline.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedToken, hashReplyToken } from '../../server/src/security/secrets.ts';
import { dueIn, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, TEST_SECRET, type RunningApp } from '../support/app.ts';
import { trackingOf, writeMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { startSmtpSink, type ReceivedEmail, type SmtpSink } from '../support/smtp-sink.ts';

const REPLY_DOMAIN = 'reply.ecoute.test';
const FROM = 'Service client <service@shop.test>';
/** What a hostile customer might write: it must reach every email as text, never as markup. */
const HOSTILE = '<script>alert("x")</script> & <b>gras</b>';

describe.each(databaseKinds)('emails Ecoute writes, on %s', (kind) => {
  let sink: SmtpSink;
  let ecoute: RunningApp;
  let admin: AgentClient;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ecoute = await startApp(kind, {
      SMTP_URL: sink.url,
      ECOUTE_MAIL_FROM: FROM,
      ECOUTE_REPLY_DOMAIN: REPLY_DOMAIN,
    });
    admin = await signIn(ecoute.url);
  });
  afterAll(async () => {
    await ecoute?.close();
    await sink?.stop();
  });

  /** The emails that arrived for `to` since `after` of them had, waiting for `count`. */
  const arrivals = async (to: string, count: number): Promise<ReceivedEmail[]> => {
    for (let waited = 0; waited < 200; waited++) {
      const mine = sink.received.filter((email) => email.envelope.to.includes(to));
      if (mine.length >= count) return mine;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`fewer than ${count} emails reached ${to}`);
  };

  it('acknowledges at once by email, in the customer’s language, with their words escaped', async () => {
    const to = `zoe.${kind}@example.org`;
    const message = await writeMessage(ecoute.url, {
      body: `Bonjour, ${HOSTILE}`,
      name: 'Zoé',
      email: to,
      locale: 'fr',
    });
    const [ack] = await arrivals(to, 1);
    const parsed = ack!.parsed;

    expect(parsed.subject).toBe(`[${message.reference}] Nous avons bien reçu votre message`);
    expect(parsed.from?.value).toEqual([{ name: 'Service client', address: 'service@shop.test' }]);
    expect(ack!.envelope.to).toEqual([to]);
    expect(ack!.header('to')).toContain(to);
    // The thread's root: a stable id of Ecoute's domain, never a random one from the mail library.
    expect(parsed.messageId).toMatch(new RegExp(`^<[0-9a-f-]{36}@${REPLY_DOMAIN.replace(/\./g, '\\.')}>$`));
    expect(parsed.inReplyTo).toBeUndefined();
    // Replies come back to this message; the token is the one derived for it, stored only hashed.
    const replyToken = derivedToken(TEST_SECRET, 'reply', message.id);
    expect(parsed.replyTo?.text).toBe(`reply+${replyToken}@${REPLY_DOMAIN}`);
    const { rows } = await ecoute.app.db.execute<{ hash: string }>(
      sql`select reply_token_hash as hash from messages where id = ${message.id}`,
    );
    expect(rows[0]!.hash).toBe(hashReplyToken(replyToken));
    // Delivery reports come back to a per-email address.
    expect(ack!.envelope.from).toMatch(new RegExp(`^bounce\\+[0-9a-f]{40}@${REPLY_DOMAIN.replace(/\./g, '\\.')}$`));
    expect(ack!.header('auto-submitted')).toBe('auto-generated');

    // The tracking link is in it, and works; so does the link that stops emails, announced for one click.
    const trackingUrl = `${ecoute.url}/t/${message.token}`;
    expect(parsed.text).toContain(trackingUrl);
    expect(parsed.html).toContain(`href="${trackingUrl}"`);
    expect(ack!.header('list-unsubscribe')).toContain(`${trackingUrl}/emails/off`);
    expect(ack!.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect((await fetch(trackingUrl)).status).toBe(200);

    // What the customer wrote is text in both parts: escaped in the HTML, as written in the text.
    expect(parsed.text).toContain(HOSTILE);
    expect(parsed.html).not.toContain('<script>');
    expect(parsed.html).not.toContain('<b>gras</b>');
    expect(parsed.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;gras&lt;/b&gt;');
    expect(parsed.text).toContain('Bonjour Zoé,');
  });

  it('sends each reply, with its commitments, on the same thread; then what became of them', async () => {
    const to = `sam.${kind}@example.org`;
    const message = await writeMessage(ecoute.url, {
      body: 'My parcel arrived damaged.',
      name: 'Sam',
      email: to,
      locale: 'en',
    });
    const [ack] = await arrivals(to, 1);
    const due = dueIn(3);
    const replied = await admin.request('POST', `/api/v1/messages/${message.id}/replies`, {
      body: `Hello Sam, we are sorry. ${HOSTILE}`,
      commitments: [
        { description: 'Send a new parcel', dueOn: due },
        { description: 'Refund the postage', dueOn: due },
      ],
    });
    expect(replied.status).toBe(201);
    const [, reply] = await arrivals(to, 2);
    const root = ack!.parsed.messageId!;
    expect(reply!.parsed.subject).toBe(`Re: [${message.reference}] We have received your message`);
    expect(reply!.parsed.inReplyTo).toBe(root);
    expect(reply!.parsed.references).toEqual(root);
    expect(reply!.parsed.text).toContain(`Hello Sam, we are sorry. ${HOSTILE}`);
    expect(reply!.parsed.text).toContain('We commit to:');
    const dueWords = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${due}T00:00:00Z`),
    );
    expect(reply!.parsed.text).toContain(`Send a new parcel — by ${dueWords}`);
    expect(reply!.parsed.html).not.toContain('<script>');
    // A person wrote it: it is not marked automatic.
    expect(reply!.header('auto-submitted')).toBeUndefined();

    const [kept, dropped] = replied.json.commitments as Array<{ id: string }>;
    expect(
      (await admin.request('POST', `/api/v1/commitments/${kept!.id}/fulfil`, { outcome: 'Sent this morning.' })).status,
    ).toBe(200);
    expect(
      (await admin.request('POST', `/api/v1/commitments/${dropped!.id}/drop`, { reason: 'Postage was free.' })).status,
    ).toBe(200);
    const all = await arrivals(to, 4);
    const keptEmail = all.find((email) => email.parsed.subject?.includes('Commitment kept'))!;
    const droppedEmail = all.find((email) => email.parsed.subject?.includes('will not keep'))!;
    expect(keptEmail.parsed.text).toContain('We committed to: Send a new parcel. It is done.');
    expect(keptEmail.parsed.text).toContain('Sent this morning.');
    expect(droppedEmail.parsed.text).toContain('We committed to: Refund the postage. We will not be able to do it.');
    expect(droppedEmail.parsed.text).toContain('Postage was free.');
    for (const email of [keptEmail, droppedEmail]) {
      expect(email.parsed.inReplyTo).toBe(root);
      expect(email.parsed.text).toContain(`${ecoute.url}/t/${message.token}`);
    }
    // Every Message-ID is its own.
    expect(new Set(all.map((email) => email.parsed.messageId)).size).toBe(4);

    // Agents see each email and its delivery; the customer's page shows none of it. (The sink has the
    // last email a moment before the sender records it as sent.)
    await expect
      .poll(async () =>
        (await admin.request('GET', `/api/v1/messages/${message.id}`)).json.emails.map(
          (e: { state: string }) => e.state,
        ),
      )
      .toEqual(['sent', 'sent', 'sent', 'sent']);
    const detail = (await admin.request('GET', `/api/v1/messages/${message.id}`)).json;
    expect(detail.message.customerEmailState).toBe('on');
    expect(detail.emails.map((email: { kind: string; state: string }) => [email.kind, email.state])).toEqual([
      ['acknowledgement', 'sent'],
      ['reply', 'sent'],
      ['commitment_kept', 'sent'],
      ['commitment_dropped', 'sent'],
    ]);
    const emailEvents = detail.timeline.filter((event: { type: string }) => event.type === 'email');
    // Each email is queued with its cause, then sent (two sent at once may interleave).
    expect(emailEvents.map((event: { email: { kind: string; state: string } }) => event.email)).toEqual(
      expect.arrayContaining(
        ['acknowledgement', 'reply', 'commitment_kept', 'commitment_dropped'].flatMap((kind) => [
          { kind, state: 'queued' },
          { kind, state: 'sent' },
        ]),
      ),
    );
    expect(emailEvents).toHaveLength(8);
    for (const kind of ['acknowledgement', 'reply', 'commitment_kept', 'commitment_dropped']) {
      const states = emailEvents
        .filter((event: { email: { kind: string } }) => event.email.kind === kind)
        .map((event: { email: { state: string } }) => event.email.state);
      expect(states).toEqual(['queued', 'sent']);
    }
    expect(emailEvents.every((event: { visibility: string }) => event.visibility === 'internal')).toBe(true);
    const tracking = await trackingOf(ecoute.url, message.token);
    expect(JSON.stringify(tracking)).not.toContain('"email"');
    expect(tracking.timeline.map((event: { type: string }) => event.type)).not.toContain('email');
  });

  it('writes nothing to a customer who left no address, nor for a message in quarantine until it is released', async () => {
    const before = sink.received.length;
    await writeMessage(ecoute.url, { body: 'No address here.' });
    const quarantined = await writeMessage(ecoute.url, {
      body: 'Buy now',
      email: `bot.${kind}@example.org`,
      locale: 'en',
      website: 'http://spam.test',
    });
    const emailsTo = async (to: string) =>
      (await ecoute.app.db.execute<{ n: number }>(sql`select count(*)::int as n from emails where recipient = ${to}`))
        .rows[0]!.n;
    expect(await emailsTo(`bot.${kind}@example.org`)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sink.received.length).toBe(before);

    // A person takes it out of quarantine: its customer, who heard nothing, is acknowledged now, once
    // however often it goes back in and out.
    expect((await admin.request('POST', `/api/v1/messages/${quarantined.id}/not-spam`)).status).toBe(200);
    const [ack] = await arrivals(`bot.${kind}@example.org`, 1);
    expect(ack!.parsed.subject).toBe(`[${quarantined.reference}] We have received your message`);
    expect((await admin.request('POST', `/api/v1/messages/${quarantined.id}/spam`)).status).toBe(200);
    expect((await admin.request('POST', `/api/v1/messages/${quarantined.id}/not-spam`)).status).toBe(200);
    expect(await emailsTo(`bot.${kind}@example.org`)).toBe(1);
  });

  it('suppresses what the customer turned off, and automatic emails past the hourly limit', async () => {
    const to = `limit.${kind}@example.org`;
    const message = await writeMessage(ecoute.url, { body: 'Bonjour.', email: to, locale: 'fr' });
    await arrivals(to, 1);
    await ecoute.app.db.execute(sql`update messages set customer_email_state = 'off' where id = ${message.id}`);
    await admin.request('POST', `/api/v1/messages/${message.id}/replies`, { body: 'Bonjour, voilà.' });
    const detail = async () => (await admin.request('GET', `/api/v1/messages/${message.id}`)).json;
    const reply = (await detail()).emails.find((email: { kind: string }) => email.kind === 'reply');
    expect(reply).toMatchObject({ state: 'suppressed', reason: 'the customer turned emails off for this message' });

    // Ten acknowledgements an hour to one address, then no more: a form cannot be used to flood it.
    const flooded = `flooded.${kind}@example.org`;
    for (let i = 0; i < 11; i++) await writeMessage(ecoute.url, { body: `Message ${i}`, email: flooded });
    await arrivals(flooded, 10);
    const states = async () =>
      (
        await ecoute.app.db.execute<{ state: string; n: number }>(
          sql`select state, count(*)::int as n from emails where recipient = ${flooded} group by state order by state`,
        )
      ).rows;
    for (let waited = 0; waited < 100 && (await states()).some((row) => row.state === 'queued'); waited++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await states()).toEqual([
      { state: 'sent', n: 10 },
      { state: 'suppressed', n: 1 },
    ]);
    expect(sink.received.filter((email) => email.envelope.to.includes(flooded))).toHaveLength(10);
  });
});
