// Two agents on one message, side by side in Chromium (two browser contexts, two sessions): each sees
// the other viewing it, then writing; Ana sends her reply; Bo, who was writing too, is told in his
// composer that a colleague replied (her words, his draft kept), reads it and sends anyway. In the
// inbox, rows show who is on their message; a closed tab is gone from them; a page whose stream is
// refused still learns who is where, by reading the list again. With heartbeats and
// polling minutes apart, arrivals, writing and leaving still show within seconds: they come through
// the live event stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, createAgent, passwordOf, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser, signedInPage } from '../support/browser.ts';
import { writeMessage, type WrittenMessage } from '../support/customer.ts';

/** An agent signed in, in a browser context of their own, on the message's page. */
async function signedInOnMessage(
  browser: Browser,
  url: string,
  email: string,
  message: WrittenMessage,
  violations: string[],
): Promise<Page> {
  const page = await signedInPage(browser, url, { email, password: passwordOf(email) }, violations);
  await page.locator('li.row', { hasText: message.reference }).getByRole('link').click();
  await page.waitForURL(/\/messages\//);
  return page;
}
const colleagues = (page: Page) => page.getByRole('list', { name: 'Colleagues on this message' });

describe.skipIf(!hasBrowser)('two agents on one message, in Chromium', () => {
  let ecoute: RunningApp;
  let browser: Browser;
  let admin: AgentClient;
  let message: WrittenMessage;
  /** Ana, as the API sees her: what the server holds of her colleagues' presence. */
  let anaApi: AgentClient;
  const violations: string[] = [];

  beforeAll(async () => {
    // Heartbeats every 2 s, gone 5 s after the last: the test need not wait the default 25 s.
    [ecoute, browser] = await Promise.all([startApp('pglite', { ECOUTE_PRESENCE_TTL_S: '5' }), launchBrowser()]);
    admin = await signIn(ecoute.url);
    anaApi = await createAgent(ecoute.url, admin, { email: 'ana@example.org', name: 'Ana Lima', role: 'agent' });
    await createAgent(ecoute.url, admin, { email: 'bo@example.org', name: 'Bo Berg', role: 'agent' });
    message = await writeMessage(ecoute.url, {
      body: 'The blender I bought last week stopped working. Can I get a new one?',
      name: 'Ingrid Olsen',
      locale: 'en',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await ecoute?.close();
  });

  const agentOnMessage = (email: string) => signedInOnMessage(browser, ecoute.url, email, message, violations);
  it('shows each the other viewing and writing, and warns the one who sends second', async () => {
    const bo = await agentOnMessage('bo@example.org');
    const ana = await agentOnMessage('ana@example.org');

    // Each sees the other on the message, never themselves.
    await colleagues(bo).getByText('Ana Lima is viewing').waitFor();
    await colleagues(ana).getByText('Bo Berg is viewing').waitFor();
    expect(
      await colleagues(bo)
        .getByText(/Bo Berg/)
        .count(),
    ).toBe(0);

    // Bo starts writing; Ana sees it, then starts too.
    const boWords = 'Hello Ingrid, sorry about the blender: could you send us a photo of the label?';
    await bo.getByRole('textbox', { name: 'Your reply' }).fill(boWords);
    await colleagues(ana).getByText('Bo Berg is writing a reply').waitFor();
    const anaWords = 'Hello Ingrid, a new blender leaves our warehouse today. No need to send the old one back.';
    await ana.getByRole('textbox', { name: 'Your reply' }).fill(anaWords);
    await colleagues(bo).getByText('Ana Lima is writing a reply').waitFor();

    // Ana sends first.
    await ana.getByRole('button', { name: 'Send the reply' }).click();
    await ana.getByText('Reply sent. The customer can read it now.').waitFor();
    await colleagues(bo).getByText('Ana Lima is viewing').waitFor();

    // Bo sends: nothing goes, he reads what Ana wrote, above his draft, kept as it was.
    await bo.getByRole('button', { name: 'Send the reply' }).click();
    const warning = bo.getByRole('alert').filter({ hasText: 'A colleague replied while you were writing' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Ana Lima');
    expect(await warning.textContent()).toContain(anaWords);
    await expect
      .poll(() => bo.evaluate(() => document.activeElement?.getAttribute('role')), { timeout: 5_000 })
      .toBe('alert');
    expect(await bo.getByRole('textbox', { name: 'Your reply' }).inputValue()).toBe(boWords);
    // His timeline, read again, shows Ana's reply in its place.
    await bo.getByRole('region', { name: 'Timeline' }).getByText(anaWords).waitFor();
    const detail = await admin.request('GET', `/api/v1/messages/${message.id}`);
    expect(detail.json.timeline.filter((event: { type: string }) => event.type === 'reply')).toHaveLength(1);

    // Having read it, he sends anyway.
    await bo.getByRole('button', { name: 'Send anyway' }).click();
    await bo.getByText('Reply sent. The customer can read it now.').waitFor();
    const after = await admin.request('GET', `/api/v1/messages/${message.id}`);
    const replies = after.json.timeline.filter((event: { type: string }) => event.type === 'reply');
    expect(replies.map((event: { actor: { name: string }; text: string }) => [event.actor.name, event.text])).toEqual([
      ['Ana Lima', anaWords],
      ['Bo Berg', boWords],
    ]);

    // In the inbox, Bo sees Ana on the message's row; once her tab is closed, she is gone from it.
    // Leaving the message says so at once, well before the heartbeats would expire (5 s).
    await bo.getByRole('link', { name: /Back to the inbox/ }).click();
    await expect
      .poll(async () => (await anaApi.request('GET', '/api/v1/messages/presence')).json.items, { timeout: 2_000 })
      .toEqual([]);
    await bo.goto(`${ecoute.url}/inbox/all`);
    const row = bo.locator('li.row', { hasText: message.reference });
    await row.getByText('Ana Lima is viewing').waitFor();
    await ana.context().close();
    await expect.poll(() => row.getByText(/Ana Lima is/).count(), { timeout: 10_000 }).toBe(0);
    expect(violations).toEqual([]);
  });

  it('falls back to reading who is where while the stream is refused', async () => {
    const cut = await signedInPage(browser, ecoute.url, ADMIN, violations);
    await cut.context().route('**/api/v1/events', (route) => route.fulfill({ status: 503, body: '' }));
    await cut.goto(`${ecoute.url}/inbox/all`);
    await cut.getByRole('status').filter({ hasText: 'Live updates are interrupted' }).waitFor();
    // The message is answered by now: Bo opens it by its address.
    const bo = await signedInPage(
      browser,
      ecoute.url,
      { email: 'bo@example.org', password: passwordOf('bo@example.org') },
      violations,
    );
    await bo.goto(`${ecoute.url}/messages/${message.id}`);
    // The inbox sends no heartbeat: only reading the list again (every 2 s here) can show Bo.
    await cut.locator('li.row', { hasText: message.reference }).getByText('Bo Berg is viewing').waitFor();
    await bo.context().close();
    await cut.context().close();
  });
});

describe.skipIf(!hasBrowser)('colleagues’ presence through the live stream, in Chromium', () => {
  let ecoute: RunningApp;
  let browser: Browser;
  let message: WrittenMessage;
  const violations: string[] = [];
  /** Heartbeats and the presence polling every 0.4 × 300 s (120 s): what shows within 10 s came by the stream. */
  const TTL_S = 300;
  const SOON = { timeout: 10_000 };

  beforeAll(async () => {
    [ecoute, browser] = await Promise.all([
      startApp('pglite', { ECOUTE_PRESENCE_TTL_S: String(TTL_S) }),
      launchBrowser(),
    ]);
    const admin = await signIn(ecoute.url);
    await createAgent(ecoute.url, admin, { email: 'ana@example.org', name: 'Ana Lima', role: 'agent' });
    await createAgent(ecoute.url, admin, { email: 'bo@example.org', name: 'Bo Berg', role: 'agent' });
    message = await writeMessage(ecoute.url, { body: 'Où est mon colis ?', name: 'Jules Petit', locale: 'fr' });
  });
  afterAll(async () => {
    await browser?.close();
    await ecoute?.close();
  });

  it('shows a colleague arriving, writing and leaving within seconds, on the message and in the inbox', async () => {
    const bo = await signedInOnMessage(browser, ecoute.url, 'bo@example.org', message, violations);
    // From now on Bo's page cannot read the list again (the fallback): what it shows came by the stream.
    await bo.route('**/api/v1/messages/presence', (route) =>
      route.request().method() === 'GET' ? route.abort() : route.fallback(),
    );
    const ana = await signedInOnMessage(browser, ecoute.url, 'ana@example.org', message, violations);
    await colleagues(bo).getByText('Ana Lima is viewing').waitFor(SOON);
    await ana.getByRole('textbox', { name: 'Your reply' }).fill('Bonjour Jules, votre colis arrive demain.');
    await colleagues(bo).getByText('Ana Lima is writing a reply').waitFor(SOON);
    await ana.getByRole('textbox', { name: 'Your reply' }).fill('');
    await colleagues(bo).getByText('Ana Lima is viewing').waitFor(SOON);

    // Ana goes back to the inbox: Bo's page says so at once.
    await ana.getByRole('link', { name: /Back to the inbox/ }).click();
    await expect.poll(() => bo.getByText(/Ana Lima is/).count(), SOON).toBe(0);

    // Bo in the inbox: Ana opening the message shows on its row, and leaving it clears the row.
    await bo.getByRole('link', { name: /Back to the inbox/ }).click();
    const row = bo.locator('li.row', { hasText: message.reference });
    await row.waitFor();
    await ana.locator('li.row', { hasText: message.reference }).getByRole('link').click();
    await row.getByText('Ana Lima is viewing').waitFor(SOON);
    await ana.getByRole('link', { name: /Back to the inbox/ }).click();
    await expect.poll(() => row.getByText(/Ana Lima is/).count(), SOON).toBe(0);

    // Both on the message again: Ana's reply sent, she is viewing again at once, not at her next
    // heartbeat minutes later. Bo's page loads anew, so it may read the list again: what was said
    // before its stream connected is in it (with the list blocked, that moment's events were lost).
    await bo.unroute('**/api/v1/messages/presence');
    for (const page of [bo, ana]) await page.goto(`${ecoute.url}/messages/${message.id}`);
    await colleagues(bo).getByText('Ana Lima is viewing').waitFor(SOON);
    await ana.getByRole('textbox', { name: 'Your reply' }).fill('Bonjour Jules, votre colis arrive demain.');
    await colleagues(bo).getByText('Ana Lima is writing a reply').waitFor(SOON);
    await ana.getByRole('button', { name: 'Send the reply' }).click();
    await ana.getByText('Reply sent. The customer can read it now.').waitFor();
    await colleagues(bo).getByText('Ana Lima is viewing').waitFor(SOON);

    expect(violations).toEqual([]);
  });
});
