// Customer Day through the API, on both databases: the list of days and their periods, each report's
// numbers on messages with known answers (spam excluded, compliments credited to the team that
// answered, lost customers), pins on the timeline, publication as a snapshot that later changes do
// not touch, share links that need no account and stop at once when revoked, who may do what, and
// bad input in the contract's error shape.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerDayPeriod, nextCustomerDay, pastCustomerDays } from '@ecoute/shared/customer-day';
import { call, createAgent, dueIn, signIn, type AgentClient } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { trackingOf, writeMessage, type WrittenMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { succeeds } from '../support/succeeds.ts';

const NEXT = nextCustomerDay(new Date());
const [LAST] = pastCustomerDays(new Date(), 1) as [string];
const REPORTS = '/api/v1/reports/customer-days';

describe.each(databaseKinds)('Customer Day on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let manager: AgentClient;
  let agent: AgentClient;
  let livraisons: string;
  let general: string;
  const written = {} as Record<'praise' | 'lost' | 'plain' | 'english' | 'spam' | 'old', WrittenMessage>;

  const ok = succeeds(() => manager);
  /** Moves a message into the last Customer Day's period, as if it had arrived then. */
  const arrivedInLastPeriod = async (message: WrittenMessage) => {
    const at = new Date(customerDayPeriod(LAST).from.getTime() + 86_400_000).toISOString();
    await ecoute.app.db.execute(sql`update messages set created_at = ${at}::timestamptz where id = ${message.id}`);
    // The dashboard's facts are kept from the timeline: told of the new arrival (migrations/0014).
    await ecoute.app.db.execute(sql`select refresh_message_facts(array[${message.id}]::uuid[])`);
  };

  beforeAll(async () => {
    ecoute = await startApp(kind);
    admin = await signIn(ecoute.url);
    manager = await createAgent(ecoute.url, admin, { email: 'mona@shop.example', name: 'Mona', role: 'manager' });
    agent = await createAgent(ecoute.url, admin, { email: 'ana@shop.example', name: 'Ana', role: 'agent' });
    general = (await ok('GET', '/api/v1/teams', undefined, admin)).items[0].id;
    livraisons = (await ok('POST', '/api/v1/teams', { name: 'Livraisons' }, admin)).id;

    // The next Customer Day's period, under way: four messages, and one in quarantine.
    written.praise = await writeMessage(ecoute.url, { body: 'Merci, livraison parfaite !', locale: 'fr' });
    written.lost = await writeMessage(ecoute.url, { body: 'Je pars chez la concurrence.', locale: 'fr' });
    written.plain = await writeMessage(ecoute.url, { body: 'Une question sur ma facture.', locale: 'fr' });
    written.english = await writeMessage(ecoute.url, { body: 'Where is my <b>parcel</b>?', locale: 'en' });
    written.spam = await writeMessage(ecoute.url, { body: 'Cheap watches praise', locale: 'en' });
    await ok('POST', `/api/v1/messages/${written.spam.id}/spam`);
    await ok('PUT', `/api/v1/messages/${written.spam.id}/tags`, { tags: ['praise'] });

    // The compliment is answered while Livraisons holds it, then moved back: Livraisons is credited.
    await ok('PATCH', `/api/v1/messages/${written.praise.id}`, { teamId: livraisons });
    await ok('POST', `/api/v1/messages/${written.praise.id}/replies`, { body: 'Merci à vous !' });
    await ok('PATCH', `/api/v1/messages/${written.praise.id}`, { teamId: general });
    await ok('PUT', `/api/v1/messages/${written.praise.id}/tags`, { tags: ['praise'] });
    await ok('PUT', `/api/v1/messages/${written.lost.id}/tags`, { tags: ['lost-customer'] });
    // A reply with a commitment, kept at once.
    const promised = await ok('POST', `/api/v1/messages/${written.english.id}/replies`, {
      body: 'It left yesterday.',
      commitments: [{ description: 'Send the tracking number', dueOn: dueIn(3) }],
    });
    await ok('POST', `/api/v1/commitments/${promised.commitments[0].id}/fulfil`, { outcome: 'Sent.' });

    // The last Customer Day's period: one message, pinned.
    written.old = await writeMessage(ecoute.url, { body: 'Old words from the summer.', locale: 'en' });
    await arrivedInLastPeriod(written.old);
  });
  afterAll(() => ecoute.close());

  it('lists the next Customer Day and the past ones, each with the period since the one before', async () => {
    const { items } = await ok('GET', REPORTS);
    expect(items[0]).toMatchObject({ date: NEXT, when: 'next', publication: null });
    expect(items).toHaveLength(9);
    expect(items.slice(1).every((item: { when: string }) => item.when === 'past')).toBe(true);
    expect(items[1].date).toBe(LAST);
    for (const [index, item] of items.entries()) {
      const period = customerDayPeriod(item.date);
      expect(item).toMatchObject({ previous: period.previous, from: period.from.toISOString() });
      expect(item.until).toBe(period.until.toISOString());
      if (index > 0) expect(items[index - 1].previous).toBe(item.date);
    }
  });

  it('reports only to managers and admins; bad dates are refused in the contract’s shape', async () => {
    expectApiError(await agent.request('GET', REPORTS), 403, 'forbidden');
    expectApiError(await agent.request('GET', `${REPORTS}/${NEXT}`), 403, 'forbidden');
    expectApiError(await call(ecoute.url, 'GET', REPORTS), 401);
    expect((await admin.request('GET', `${REPORTS}/${NEXT}`)).status).toBe(200);

    expectApiError(await manager.request('GET', `${REPORTS}/tomorrow`), 400, 'invalid_request');
    expectApiError(await manager.request('GET', `${REPORTS}/2026-1-15`), 400, 'invalid_request');
    expectApiError(await manager.request('GET', `${REPORTS}/2026-13-45`), 404, 'not_a_customer_day');
    // A Wednesday, the day before a Customer Day.
    expectApiError(await manager.request('GET', `${REPORTS}/2026-10-14`), 404, 'not_a_customer_day');
    const afterNext = customerDayPeriod(nextCustomerDay(new Date(customerDayPeriod(NEXT).until))).date;
    expectApiError(await manager.request('GET', `${REPORTS}/${afterNext}`), 404, 'customer_day_not_started');
    expectApiError(await manager.request('GET', `${REPORTS}/${NEXT}?version=old`), 400, 'invalid_request');
  });

  it('pins a verbatim with a note, on the timeline for agents only; managers only', async () => {
    const pinPath = `/api/v1/messages/${written.english.id}/customer-day-pin`;
    expectApiError(await agent.request('PUT', pinPath, {}), 403, 'forbidden');
    expectApiError(await manager.request('PUT', pinPath, { note: 'x'.repeat(1_001) }), 400, 'invalid_request');
    expectApiError(await manager.request('PUT', '/api/v1/messages/nope/customer-day-pin', {}), 400);
    expectApiError(
      await manager.request('PUT', '/api/v1/messages/00000000-0000-4000-8000-000000000000/customer-day-pin', {}),
      404,
      'not_found',
    );
    expectApiError(
      await manager.request('PUT', `/api/v1/messages/${written.spam.id}/customer-day-pin`, {}),
      409,
      'message_is_spam',
    );

    expect(await ok('GET', pinPath)).toEqual({ pin: null });
    const pin = await ok('PUT', pinPath, { note: 'Read this one <aloud>' });
    expect(pin).toMatchObject({
      messageId: written.english.id,
      customerDay: NEXT,
      note: 'Read this one <aloud>',
      pinnedBy: { id: manager.user.id, name: 'Mona' },
    });
    // The same note again records nothing more; another note is a new event.
    await ok('PUT', pinPath, { note: 'Read this one <aloud>' });
    await ok('PUT', `/api/v1/messages/${written.plain.id}/customer-day-pin`, {});
    await ok('DELETE', `/api/v1/messages/${written.plain.id}/customer-day-pin`);
    expect((await manager.request('DELETE', `/api/v1/messages/${written.plain.id}/customer-day-pin`)).status).toBe(204);

    const timeline = (await ok('GET', `/api/v1/messages/${written.english.id}`, undefined, agent)).timeline;
    const pins = timeline.filter((event: { type: string }) => event.type === 'customer_day_pinned');
    expect(pins).toHaveLength(1);
    expect(pins[0]).toMatchObject({ visibility: 'internal', text: 'Read this one <aloud>', actor: { name: 'Mona' } });
    const plain = (await ok('GET', `/api/v1/messages/${written.plain.id}`)).timeline.map(
      (event: { type: string }) => event.type,
    );
    expect(plain.filter((type: string) => type.startsWith('customer_day_'))).toEqual([
      'customer_day_pinned',
      'customer_day_unpinned',
    ]);
    const tracking = await trackingOf(ecoute.url, written.english.token);
    expect(JSON.stringify(tracking)).not.toContain('aloud');

    await ok('PUT', `/api/v1/messages/${written.old.id}/customer-day-pin`, { note: null });
    expect((await ok('GET', `/api/v1/messages/${written.old.id}/customer-day-pin`)).pin.customerDay).toBe(LAST);
  });

  it('reports volumes, answers, commitments, verbatims, compliments and lost customers of the period', async () => {
    const view = await ok('GET', `${REPORTS}/${NEXT}`);
    expect(view).toMatchObject({ source: 'live', publication: null });
    const { report } = view;
    expect(report.period).toMatchObject({ date: NEXT, previous: LAST });
    // Spam is not counted; the old message belongs to the last period.
    expect(report.volumes.received).toBe(4);
    expect(report.volumes.byLanguage).toEqual([
      { locale: 'fr', count: 3 },
      { locale: 'en', count: 1 },
    ]);
    expect(report.volumes.byTeam).toEqual([{ teamId: general, teamName: 'General', count: 4 }]);
    expect(report.answers).toMatchObject({ received: 4, answered: 2, rate: 0.5 });
    expect(report.answers.byTeam).toEqual([
      expect.objectContaining({
        teamId: general,
        teamName: 'General',
        received: 4,
        answered: 2,
        firstReplyTargetMinutes: 240,
        withinTarget: 2,
      }),
    ]);
    expect(report.answers.byTeam[0].firstReplyMedianMinutes).toBeLessThan(1);
    // Every word is new against the period before: the customers' words are the rising ones.
    expect(report.risingWords.map((word: { text: string }) => word.text.toLowerCase())).toContain('parcel');
    expect(report.commitments).toEqual({
      made: 1,
      keptOnTime: 1,
      keptLate: 0,
      dropped: 0,
      open: 0,
      overdue: 0,
      keptOnTimeRate: 1,
    });
    expect(report.verbatims).toEqual([
      expect.objectContaining({
        messageId: written.english.id,
        reference: written.english.reference,
        body: 'Where is my <b>parcel</b>?',
        note: 'Read this one <aloud>',
        pinnedBy: 'Mona',
        teamName: 'General',
      }),
    ]);
    expect(report.compliments.total).toBe(1);
    expect(report.compliments.byTeam).toEqual([{ teamId: livraisons, teamName: 'Livraisons', count: 1 }]);
    expect(report.compliments.messages[0]).toMatchObject({
      messageId: written.praise.id,
      excerpt: 'Merci, livraison parfaite !',
      teamName: 'Livraisons',
    });
    // Not answered yet: credited to no team.
    expect(report.lostCustomers.byTeam).toEqual([{ teamId: null, teamName: null, count: 1 }]);
    expect(report.lostCustomers.messages.map((m: { messageId: string }) => m.messageId)).toEqual([written.lost.id]);
    expect(JSON.stringify(report)).not.toMatch(/mona@|customerName|email/);

    const last = (await ok('GET', `${REPORTS}/${LAST}`)).report;
    expect(last.volumes.received).toBe(1);
    expect(last.verbatims.map((v: { messageId: string }) => v.messageId)).toEqual([written.old.id]);
  });

  it('publishes a snapshot that later changes do not touch; republishing is explicit', async () => {
    const path = `${REPORTS}/${LAST}/publication`;
    expectApiError(await agent.request('POST', path, {}), 403, 'forbidden');
    expectApiError(await manager.request('POST', `${REPORTS}/2026-10-14/publication`, {}), 404, 'not_a_customer_day');
    const first = await manager.request('POST', path, {});
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      source: 'published',
      publication: { version: 1, publishedBy: { name: 'Mona' } },
    });
    expectApiError(await manager.request('POST', path, {}), 409, 'already_published');

    // The message changes: its words, its pin. The published report does not.
    await ecoute.app.db.execute(sql`update messages set body = 'Changed later.' where id = ${written.old.id}`);
    await ok('DELETE', `/api/v1/messages/${written.old.id}/customer-day-pin`);
    const published = await ok('GET', `${REPORTS}/${LAST}`);
    expect(published.source).toBe('published');
    expect(published.report).toEqual(first.json.report);
    expect(published.report.verbatims[0].body).toBe('Old words from the summer.');
    const live = await ok('GET', `${REPORTS}/${LAST}?version=live`);
    expect(live).toMatchObject({ source: 'live', publication: { version: 1 } });
    expect(live.report.verbatims).toEqual([]);
    expect((await ok('GET', REPORTS)).items[1].publication).toMatchObject({ version: 1 });

    const again = await manager.request('POST', path, { republish: true });
    expect(again.status).toBe(200);
    expect(again.json.publication.version).toBe(2);
    expect(again.json.report.verbatims).toEqual([]);
    // Put back for the share links below.
    await ok('PUT', `/api/v1/messages/${written.old.id}/customer-day-pin`, { note: '<script>alert(1)</script>' });
    await ecoute.app.db.execute(
      sql`update messages set body = ${'<img src=x onerror=alert(1)> & "quotes"'} where id = ${written.old.id}`,
    );
    await ok('POST', path, { republish: true });
  });

  it('shares a published report by a link that needs no account, until it is revoked', async () => {
    expectApiError(await manager.request('POST', `${REPORTS}/${NEXT}/shares`), 409, 'not_published');
    expectApiError(await agent.request('POST', `${REPORTS}/${LAST}/shares`), 403, 'forbidden');
    const made = await manager.request('POST', `${REPORTS}/${LAST}/shares`);
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ customerDay: LAST, createdBy: { name: 'Mona' }, revokedAt: null });
    const token = new URL(made.json.url).pathname.split('/').at(-1)!;
    expect(new URL(made.json.url).pathname).toBe(`/customer-day/${token}`);
    // 256 random bits, kept only as a hash.
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows } = await ecoute.app.db.execute(sql`select token_hash from customer_day_shares`);
    expect(JSON.stringify(rows)).not.toContain(token);
    const listed = (await ok('GET', `${REPORTS}/${LAST}/shares`)).items;
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(token);

    // No cookie at all.
    const shared = await call(ecoute.url, 'GET', `/api/v1/shared-reports/${token}`);
    expect(shared.status).toBe(200);
    expect(shared.json.publication.version).toBe(3);
    expect(shared.json.report.verbatims[0].body).toBe('<img src=x onerror=alert(1)> & "quotes"');
    const page = await fetch(`${ecoute.url}/customer-day/${token}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    const text = await page.text();
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toMatch(/<script|<img/);
    expect(text).toContain('Lost customers');
    expect(text).toContain('/assets/customer-day.css');
    const css = await fetch(`${ecoute.url}/assets/customer-day.css`);
    expect(await css.text()).toContain('@media print');
    const french = await (
      await fetch(`${ecoute.url}/customer-day/${token}`, { headers: { 'accept-language': 'fr' } })
    ).text();
    expect(french).toContain('Clients perdus');

    expectApiError(await agent.request('DELETE', `/api/v1/reports/customer-day-shares/${made.json.id}`), 403);
    expect((await manager.request('DELETE', `/api/v1/reports/customer-day-shares/${made.json.id}`)).status).toBe(204);
    expect((await manager.request('DELETE', `/api/v1/reports/customer-day-shares/${made.json.id}`)).status).toBe(204);
    expectApiError(
      await manager.request('DELETE', '/api/v1/reports/customer-day-shares/00000000-0000-4000-8000-000000000000'),
      404,
    );
    expectApiError(await call(ecoute.url, 'GET', `/api/v1/shared-reports/${token}`), 410, 'share_revoked');
    const revoked = await fetch(`${ecoute.url}/customer-day/${token}?lang=en`);
    expect(revoked.status).toBe(410);
    const revokedText = await revoked.text();
    expect(revokedText).toContain('This link was revoked');
    expect(revokedText).not.toContain('quotes');
    expect((await ok('GET', `${REPORTS}/${LAST}/shares`)).items[0].revokedAt).not.toBeNull();

    expectApiError(await call(ecoute.url, 'GET', '/api/v1/shared-reports/not-a-token'), 404, 'not_found');
    expect((await fetch(`${ecoute.url}/customer-day/${'A'.repeat(43)}`)).status).toBe(404);
  });
});
