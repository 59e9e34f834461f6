// How emails get through whatever the mail server does: held without one and sent once one is set
// (after a restart), a burst waiting out a mail server that is down, a 4xx retried, a 5xx failed and
// tried again from the Outbox; and the Outbox itself, for admins only.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeMessage } from '../support/customer.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

/** Waits until `check` holds (the worker sends in the background). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(databaseKinds)('delivering emails on %s', (kind) => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let ecoute: RunningApp | undefined;
  let admin: AgentClient;

  beforeAll(async () => {
    database = await freshDatabase(kind, { survivesRestart: true });
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await ecoute?.close();
    await sink?.stop();
    await database?.drop();
  });

  const emailsTo = async (recipient: string) =>
    (
      await ecoute!.app.db.execute<{ id: string; state: string; reason: string | null; attempts: number }>(
        sql`select id, state, last_error as reason, attempts from emails where recipient = ${recipient}`,
      )
    ).rows;
  const stateOf = async (recipient: string) => (await emailsTo(recipient))[0]?.state;

  it('holds emails while no mail server is set, lists them, and sends them once one is', async () => {
    ecoute = await startApp(kind, {}, database);
    admin = await signIn(ecoute.url);
    await writeMessage(ecoute.url, { body: 'Bonjour.', email: 'held@example.org', locale: 'fr' });
    await eventually(async () => (await stateOf('held@example.org')) === 'held', 'the email is held');
    expect((await emailsTo('held@example.org'))[0]!.reason).toBe('not sent: no mail server is set (SMTP_URL)');

    const waiting = await admin.request('GET', '/api/v1/outbox?view=waiting');
    expect(waiting.status).toBe(200);
    expect(waiting.json.items).toMatchObject([
      { kind: 'acknowledgement', recipient: 'held@example.org', state: 'held' },
    ]);
    expect(waiting.json.nextCursor).toBeNull();

    // Only admins read the Outbox.
    const agent = await createAgent(ecoute.url, admin, { email: 'agent@example.org', name: 'Agent', role: 'agent' });
    expect((await agent.request('GET', '/api/v1/outbox')).status).toBe(403);
    expect((await fetch(`${ecoute.url}/api/v1/outbox`)).status).toBe(401);
    // Bad input gets the contract's errors.
    for (const query of ['view=everything', 'cursor=not-a-cursor', `cursor=${'x'.repeat(600)}`]) {
      const refused = await admin.request('GET', `/api/v1/outbox?${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.json.error).toEqual(expect.objectContaining({ code: expect.any(String) }));
    }

    // A restart with a mail server sends what was held.
    await ecoute.close();
    ecoute = await startApp(kind, { SMTP_URL: sink.url, ECOUTE_EMAIL_RETRY_MAX_S: '1' }, database);
    admin = await signIn(ecoute.url);
    await sink.waitFor(1);
    expect(sink.received[0]!.envelope.to).toEqual(['held@example.org']);
    await eventually(async () => (await stateOf('held@example.org')) === 'sent', 'the email is recorded as sent');
    const sent = await admin.request('GET', '/api/v1/outbox?view=sent');
    expect(sent.json.items).toMatchObject([{ recipient: 'held@example.org', state: 'sent', attempts: 1 }]);
  });

  it('waits out a mail server that is down during a burst: all 200 go, none twice', async () => {
    const before = sink.received.length;
    await sink.stop();
    const recipients = Array.from({ length: 200 }, (_, i) => `burst${i}@example.org`);
    for (const email of recipients) await writeMessage(ecoute!.url, { body: 'Bonjour.', email, locale: 'fr' });
    await eventually(
      async () => (await stateOf(recipients[0]!)) === 'retrying',
      'the first email is retrying while the mail server is down',
    );
    expect((await emailsTo(recipients[0]!))[0]!.reason).toMatch(/^the mail server could not be reached/);
    await sink.start();
    await sink.waitFor(before + 200, 60_000);
    await eventually(
      async () =>
        (
          await ecoute!.app.db.execute<{ n: number }>(
            sql`select count(*)::int as n from emails where recipient like 'burst%' and state = 'sent'`,
          )
        ).rows[0]!.n === 200,
      'all 200 are recorded as sent',
    );
    const burst = sink.received.slice(before);
    expect(burst).toHaveLength(200);
    expect(new Set(burst.map((email) => email.parsed.messageId)).size).toBe(200);
    expect(new Set(burst.flatMap((email) => email.envelope.to))).toEqual(new Set(recipients));
  }, 180_000);

  it('retries a 4xx, fails a 5xx with its reason, and tries a failed email again on request', async () => {
    sink.refuseWith({ code: 451, message: 'Try again later' });
    await writeMessage(ecoute!.url, { body: 'Bonjour.', email: 'later@example.org', locale: 'fr' });
    await eventually(async () => (await stateOf('later@example.org')) === 'retrying', 'a 4xx is retried');
    expect((await emailsTo('later@example.org'))[0]!.reason).toContain('Try again later');
    sink.refuseWith(null);
    await eventually(async () => (await stateOf('later@example.org')) === 'sent', 'the retry goes', 30_000);

    sink.refuseWith({ code: 550, message: 'No such user here' });
    await writeMessage(ecoute!.url, { body: 'Bonjour.', email: 'nobody@example.org', locale: 'fr' });
    await eventually(async () => (await stateOf('nobody@example.org')) === 'failed', 'a 5xx fails at once');
    const [failed] = await emailsTo('nobody@example.org');
    expect(failed!.reason).toContain('No such user here');
    const listed = await admin.request('GET', '/api/v1/outbox?view=failed');
    expect(listed.json.items).toMatchObject([{ id: failed!.id, state: 'failed', attempts: 1 }]);

    // Agents see the failure on the message, with its reason.
    const messageId = listed.json.items[0].messageId;
    const detail = (await admin.request('GET', `/api/v1/messages/${messageId}`)).json;
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'email', email: { state: 'failed' } });
    expect(detail.timeline.at(-1).text).toContain('No such user here');

    sink.refuseWith(null);
    const retried = await admin.request('POST', `/api/v1/outbox/${failed!.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.json).toMatchObject({ id: failed!.id, state: 'queued', attempts: 0, reason: null });
    await eventually(async () => (await stateOf('nobody@example.org')) === 'sent', 'the retried email goes');
    // Only a failed email can be tried again; an unknown one is a 404, a malformed id a 400.
    expect((await admin.request('POST', `/api/v1/outbox/${failed!.id}/retry`)).status).toBe(409);
    expect((await admin.request('POST', `/api/v1/outbox/00000000-0000-4000-8000-000000000000/retry`)).status).toBe(404);
    expect((await admin.request('POST', `/api/v1/outbox/not-an-id/retry`)).status).toBe(400);
  }, 120_000);
});
