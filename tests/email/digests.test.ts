// The weekly digest and the Customer Day reminder, read at a real SMTP server: the digest's numbers
// are the dashboard's, the customers' words are escaped, spam is left out, one digest per subscriber
// and week however often the job runs, unsubscribing (one click or the page) stops it; the reminder
// reaches managers and admins once, a week before a Customer Day, and on no other day.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextCustomerDay, reminderDay } from '@ecoute/shared/customer-day';
import { remindCustomerDay } from '../../server/src/domain/remind-customer-day.ts';
import { pastWeekOf, sendWeeklyDigests } from '../../server/src/domain/send-digests.ts';
import { ADMIN, createAgent, signIn, type AgentClient } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { INBOUND_ENV, postMail } from '../support/inbound-mail.ts';
import { mailFixture } from '../support/mail-fixtures.ts';
import { startSmtpSink, type ReceivedEmail, type SmtpSink } from '../support/smtp-sink.ts';

const DAY = 86_400_000;
const SCRIPT = '<script>alert("digest")</script> Mon colis n’est jamais arrivé & j’attends';

describe.each(databaseKinds)('the weekly digest and the Customer Day reminder on %s', (kind) => {
  let sink: SmtpSink;
  let ecoute: RunningApp;
  let admin: AgentClient;
  let manager: AgentClient;
  let agent: AgentClient;
  let teamId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ecoute = await startApp(kind, { SMTP_URL: sink.url, ...INBOUND_ENV });
    admin = await signIn(ecoute.url);
    manager = await createAgent(ecoute.url, admin, { email: 'boss@example.org', name: 'Boss', role: 'manager' });
    agent = await createAgent(ecoute.url, admin, { email: 'agent@example.org', name: 'Agent', role: 'agent' });
    teamId = (await admin.request('GET', '/api/v1/teams')).json.items[0].id;
  });
  afterAll(async () => {
    await ecoute?.close();
    await sink?.stop();
  });

  const to = (address: string) => sink.received.filter((email) => email.envelope.to.includes(address));
  const settle = async (count: number): Promise<ReceivedEmail[]> => {
    await sink.waitFor(count);
    // Nothing more comes: what was asked twice was queued once.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return sink.received;
  };
  /** The digest job as it runs next week (then this week is the past one), or later. */
  const digestJob = (weeksLater = 1) =>
    sendWeeklyDigests(ecoute.app.db, ecoute.app.outbox, { now: new Date(Date.now() + weeksLater * 7 * DAY) });

  it('schedules the digest on Mondays at 08:00 UTC and the reminder check daily', async () => {
    const schedules = await ecoute.app.db.execute(
      sql`select name, cron from pgboss.schedule where name in ('digest.weekly', 'customer-day.reminders') order by name`,
    );
    expect(schedules.rows).toEqual([
      { name: 'customer-day.reminders', cron: '0 8 * * *' },
      { name: 'digest.weekly', cron: '0 8 * * 1' },
    ]);
  });

  it('keeps subscribers for managers and admins only, and refuses bad input in the contract’s shape', async () => {
    expectApiError(await agent.request('GET', '/api/v1/digests'), 403);
    expectApiError(
      await agent.request('POST', '/api/v1/digests', { email: 'x@example.org', locale: 'en', teamId }),
      403,
    );
    for (const body of [
      { email: 'x@example.org', locale: 'en' },
      { email: 'x@example.org', locale: 'en', teamId, tag: 'billing' },
      { email: 'not an address', locale: 'en', teamId },
      { email: 'x@example.org', locale: 'de', teamId },
      { email: 'x@example.org', locale: 'en', teamId: '00000000-0000-4000-8000-000000000000' },
      { email: 'x@example.org', locale: 'en', tag: 'two words' },
    ]) {
      expectApiError(await manager.request('POST', '/api/v1/digests', body), 400);
    }
    expectApiError(await manager.request('DELETE', '/api/v1/digests/not-a-uuid'), 400);
    expectApiError(await manager.request('DELETE', '/api/v1/digests/00000000-0000-4000-8000-000000000000'), 404);

    const added = await manager.request('POST', '/api/v1/digests', {
      email: 'gone@example.org',
      locale: 'fr',
      tag: 'x',
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ email: 'gone@example.org', locale: 'fr', tag: 'x', team: null });
    expect((await admin.request('DELETE', `/api/v1/digests/${added.json.id}`)).status).toBe(204);
    expect((await admin.request('GET', '/api/v1/digests')).json.items).toEqual([]);
  });

  it('sends each subscriber the week’s numbers and customers’ words, escaped, once per week', async () => {
    const team = await manager.request('POST', '/api/v1/digests', { email: 'ceo@example.org', locale: 'en', teamId });
    expect(team.status).toBe(201);
    expect(team.json.team).toMatchObject({ id: teamId });
    const tag = await manager.request('POST', '/api/v1/digests', {
      email: 'cfo@example.org',
      locale: 'fr',
      tag: 'billing',
    });
    expect(tag.status).toBe(201);

    const script = await writeMessage(ecoute.url, { body: SCRIPT, locale: 'fr' });
    const billed = await writeMessage(ecoute.url, { body: 'My invoice is twice the price.', locale: 'en' });
    expect((await admin.request('PUT', `/api/v1/messages/${billed.id}/tags`, { tags: ['billing'] })).status).toBe(200);
    await admin.request('POST', `/api/v1/messages/${billed.id}/replies`, { body: 'We refunded you.' });
    const waiting = await writeMessage(ecoute.url, { body: 'Where is my refund?', locale: 'en' });
    expect((await admin.request('PUT', `/api/v1/messages/${waiting.id}/tags`, { tags: ['billing'] })).status).toBe(200);
    const spam = await writeMessage(ecoute.url, { body: 'Cheap watches, buy now', locale: 'en' });
    expect((await admin.request('POST', `/api/v1/messages/${spam.id}/spam`)).status).toBe(200);

    const before = sink.received.length;
    await digestJob();
    await digestJob();
    await settle(before + 2);
    expect(sink.received.length).toBe(before + 2);

    const week = pastWeekOf(new Date(Date.now() + 7 * DAY));
    const sunday = new Date(Date.parse(`${week}T00:00:00Z`) + 6 * DAY).toISOString().slice(0, 10);
    const stats = (
      await manager.request('GET', `/api/v1/stats/overview?from=${week}&to=${sunday}&teamId=${teamId}&tz=UTC`)
    ).json;
    const [digest] = to('ceo@example.org');
    expect(digest).toBeDefined();
    expect(digest!.parsed.subject).toMatch(/^The week of the .+ team: /);
    expect(digest!.parsed.text).toContain(`Messages received: ${stats.totals.received.value}`);
    expect(digest!.parsed.text).toContain(`Messages received that got an answer: ${stats.totals.answered.value}`);
    expect(digest!.parsed.text).toContain(`Unanswered right now: ${stats.unanswered.count.value}`);
    expect(stats.totals.received.value).toBe(3);
    expect(digest!.parsed.text).toContain(SCRIPT);
    expect(digest!.parsed.text).toContain(script.reference);
    expect(digest!.parsed.text).not.toContain('Cheap watches');
    const html = String(digest!.parsed.html);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;digest&quot;)&lt;/script&gt;');
    expect(html).not.toContain('Cheap watches');

    expect(digest!.header('auto-submitted')).toBe('auto-generated');
    expect(digest!.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = digest!.header('list-unsubscribe')!.match(/^<(.+)>$/)![1]!;
    expect(unsubscribe).toMatch(new RegExp(`^${ecoute.url}/digests/unsubscribe/[0-9a-f]{40}$`));
    expect(digest!.parsed.text).toContain(unsubscribe);

    // The tag's digest, in French: the words and the numbers of the messages with the tag, as the
    // inbox lists them.
    const [billing] = to('cfo@example.org');
    expect(billing!.parsed.subject).toMatch(/^La semaine de « billing » : /);
    expect(billing!.parsed.text).toContain('My invoice is twice the price.');
    expect(billing!.parsed.text).not.toContain('Mon colis');
    expect(billing!.parsed.text).toContain('Ces chiffres portent sur les messages étiquetés « billing ».');
    const inbox = async (query: string) =>
      (await manager.request('GET', `/api/v1/messages?tag=billing&${query}`)).json.items.length;
    const received = `receivedFrom=${stats.period.start}&receivedBefore=${stats.period.end}`;
    const tagged = {
      received: await inbox(`view=all&${received}`),
      answered: await inbox(`view=all&${received}&answered=yes`),
      unanswered: await inbox('view=unanswered'),
    };
    expect(tagged).toEqual({ received: 2, answered: 1, unanswered: 1 });
    expect(billing!.parsed.text).toContain(`Messages reçus : ${tagged.received}`);
    expect(billing!.parsed.text).toContain(`Messages reçus qui ont eu une réponse : ${tagged.answered}`);
    expect(billing!.parsed.text).toContain(`Sans réponse en ce moment : ${tagged.unanswered}`);

    // The Outbox lists them, about no message, with their kind, recipient and state.
    const sent = (await admin.request('GET', '/api/v1/outbox?view=sent')).json.items;
    for (const recipient of ['ceo@example.org', 'cfo@example.org']) {
      expect(sent.filter((email: { recipient: string }) => email.recipient === recipient)).toEqual([
        expect.objectContaining({ messageId: null, reference: null, kind: 'digest', recipient, state: 'sent' }),
      ]);
    }
  });

  it('stops the digest by the one-click POST and by the page, without an account', async () => {
    const unsubscribeOf = (address: string) =>
      to(address)[0]!
        .header('list-unsubscribe')!
        .match(/^<(.+)>$/)![1]!;
    // One click, as a mail client posts it (RFC 8058): no cookie, no CSRF token.
    const oneClick = await fetch(unsubscribeOf('ceo@example.org'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('will not receive the weekly digest any more');

    // The page asks first: opening it changes nothing; its button does.
    const page = await fetch(unsubscribeOf('cfo@example.org'));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const asking = await page.text();
    expect(asking).toContain('Ne plus envoyer le résumé de la semaine à cfo@example.org ?');
    const action = asking.match(/action="([^"]+)"/)![1]!;
    const pressed = await fetch(`${ecoute.url}${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toContain('ne recevra plus le résumé');
    expect((await fetch(unsubscribeOf('cfo@example.org'))).status).toBe(200);
    expect((await fetch(`${ecoute.url}/digests/unsubscribe/${'0'.repeat(40)}`)).status).toBe(404);

    expect((await manager.request('GET', '/api/v1/digests')).json.items).toEqual([]);
    const before = sink.received.length;
    await digestJob(2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sink.received.length).toBe(before);
  });

  it('stops the digest to an address that bounces', async () => {
    const added = await manager.request('POST', '/api/v1/digests', {
      email: 'nobody@example.org',
      locale: 'en',
      teamId,
    });
    expect(added.status).toBe(201);
    const before = sink.received.length;
    await digestJob(3);
    await settle(before + 1);
    const [digest] = to('nobody@example.org');
    const bounce = mailFixture('dsn-postfix.eml', {
      bounce: digest!.envelope.from,
      messageId: digest!.parsed.messageId!.replace(/^<|>$/g, ''),
    });
    expect((await postMail(ecoute.url, bounce)).json).toMatchObject({ outcome: 'bounce' });
    expect((await manager.request('GET', '/api/v1/digests')).json.items).toEqual([]);
  });

  it('reminds managers and admins a week before a Customer Day, once, on no other day, in their language', async () => {
    // The manager chose French in the interface; the admin has chosen nothing and gets both languages.
    expect((await manager.request('PATCH', '/api/v1/me', { locale: 'fr' })).status).toBe(200);
    const customerDay = nextCustomerDay(new Date(Date.now() + 8 * DAY));
    const onItsDay = new Date(`${reminderDay(customerDay)}T08:00:00Z`);
    const before = sink.received.length;
    await remindCustomerDay(ecoute.app.db, ecoute.app.outbox, { now: new Date(onItsDay.getTime() - DAY) });
    await remindCustomerDay(ecoute.app.db, ecoute.app.outbox, { now: new Date(onItsDay.getTime() + DAY) });
    await remindCustomerDay(ecoute.app.db, ecoute.app.outbox, { now: onItsDay });
    await remindCustomerDay(ecoute.app.db, ecoute.app.outbox, { now: new Date(onItsDay.getTime() + 3_600_000) });
    await settle(before + 2);
    expect(sink.received.length).toBe(before + 2);
    const isReminder = (email: ReceivedEmail) =>
      /Customer Day in a week|Journée client dans une semaine/.test(email.parsed.subject ?? '');
    const [french, ...moreFrench] = to('boss@example.org').filter(isReminder);
    const [bilingual, ...moreBilingual] = to(ADMIN.email).filter(isReminder);
    expect([moreFrench, moreBilingual]).toEqual([[], []]);
    expect(to('agent@example.org')).toHaveLength(0);
    for (const reminder of [french!, bilingual!]) {
      expect(reminder.parsed.text).toContain(`${ecoute.url}/customer-days/${customerDay}`);
      expect(reminder.header('auto-submitted')).toBe('auto-generated');
    }
    expect(french!.parsed.subject).toMatch(/^Journée client dans une semaine : le /);
    expect(french!.parsed.text).toContain('Ouvrir le rapport');
    expect(french!.parsed.html).toContain('<html lang="fr">');
    expect(french!.parsed.text).not.toContain('Customer Day');
    expect(french!.parsed.text).not.toContain('Open the report');
    expect(bilingual!.parsed.subject).toMatch(/^Customer Day in a week: .+ \/ Journée client dans une semaine : le /);
    expect(bilingual!.parsed.text).toContain('Open the report');
    expect(bilingual!.parsed.text).toContain('Ouvrir le rapport');

    const sent = (await admin.request('GET', '/api/v1/outbox?view=sent')).json.items;
    expect(
      sent
        .filter((email: { kind: string }) => email.kind === 'customer_day_reminder')
        .map((email: { recipient: string }) => email.recipient)
        .sort(),
    ).toEqual([ADMIN.email, 'boss@example.org'].sort());
  });
});
