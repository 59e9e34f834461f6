// The live inbox in Chromium: with the inbox open, a message submitted through the API appears in
// the list and in the view's count without a reload; with a message open, a colleague's note and the
// customer's follow-up appear on its timeline; a stream that is refused is said on the page, and the
// inbox comes back live by itself; two tabs of one browser share one stream, and when the tab holding
// it closes, the other opens its own. No Content Security Policy violation on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser, signedInPage } from '../support/browser.ts';
import { writeAgain, writeMessage } from '../support/customer.ts';

describe.skipIf(!hasBrowser)('the live inbox, in Chromium', () => {
  let ecoute: RunningApp;
  let browser: Browser;
  let colleague: AgentClient;
  let page: Page;
  const violations: string[] = [];
  let reloads = 0;

  beforeAll(async () => {
    [ecoute, browser] = await Promise.all([startApp('pglite'), launchBrowser()]);
    colleague = await signIn(ecoute.url);
    page = await (await browser.newContext()).newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${ecoute.url}/login`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inbox\/unanswered$/);
    page.on('load', () => reloads++);
  });
  afterAll(async () => {
    await browser?.close();
    await ecoute?.close();
  });

  const unansweredCount = async () => {
    const link = page.getByRole('navigation', { name: 'Inbox views' }).getByRole('link', { name: /Unanswered/ });
    return Number((await link.locator('.views__count').textContent())?.replace(/\D/g, '') || 'NaN');
  };

  it('shows a new message in the open inbox and its count, without a reload', async () => {
    await expect.poll(unansweredCount).toBe(0);
    const message = await writeMessage(ecoute.url, { body: 'My parcel never came.', name: 'Ines', locale: 'en' });
    const row = page.locator('li.row', { hasText: message.reference });
    // Well within the minute the fallback polling would take.
    await expect.poll(() => row.count(), { timeout: 5_000 }).toBe(1);
    await expect.poll(unansweredCount, { timeout: 5_000 }).toBe(1);
    expect(reloads).toBe(0);
  });

  it('shows a colleague’s note and the customer’s follow-up on the open message page', async () => {
    const message = await writeMessage(ecoute.url, { body: 'The box was crushed.', locale: 'en' });
    const row = page.locator('li.row', { hasText: message.reference });
    await expect.poll(() => row.count(), { timeout: 5_000 }).toBe(1);
    await row.getByRole('link').click();
    await page.waitForURL(/\/messages\//);
    await page.getByText('The box was crushed.').first().waitFor();

    await colleague.request('POST', `/api/v1/messages/${message.id}/notes`, { body: 'Photos requested.' });
    await page.getByText('Photos requested.').waitFor({ timeout: 5_000 });
    await writeAgain(ecoute.url, message.token, 'Here are the photos.');
    await page.getByText('Here are the photos.').waitFor({ timeout: 5_000 });
    expect(reloads).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: 'Live updates are interrupted' }).count()).toBe(0);
    expect(violations).toEqual([]);
  });

  it('holds one stream per browser: a second tab is told through the first, and takes over when it closes', async () => {
    const first = await signedInPage(browser, ecoute.url, ADMIN, violations);
    const context = first.context();
    const second = await context.newPage();
    let secondStreams = 0;
    second.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/events') secondStreams++;
    });
    await second.goto(`${ecoute.url}/inbox/unanswered`);
    await second.getByRole('navigation', { name: 'Inbox views' }).waitFor();

    const message = await writeMessage(ecoute.url, { body: 'Seen in both tabs?', locale: 'en' });
    for (const tab of [first, second]) {
      await expect
        .poll(() => tab.locator('li.row', { hasText: message.reference }).count(), { timeout: 5_000 })
        .toBe(1);
    }
    expect(secondStreams).toBe(0);

    // The first tab closes: the second opens the browser's stream and stays live.
    await first.close();
    await expect.poll(() => secondStreams, { timeout: 5_000 }).toBe(1);
    const later = await writeMessage(ecoute.url, { body: 'Still live after the first tab?', locale: 'en' });
    await expect.poll(() => second.locator('li.row', { hasText: later.reference }).count(), { timeout: 5_000 }).toBe(1);
    expect(await second.getByRole('status').filter({ hasText: 'Live updates are interrupted' }).count()).toBe(0);
    await context.close();
  });

  it('says when the stream is refused, and comes back live by itself once it is not', async () => {
    const context = await browser.newContext();
    // The stream is refused (a proxy in trouble, a process down) until the route is lifted.
    await context.route('**/api/v1/events', (route) => route.fulfill({ status: 503, body: '' }));
    const other = await context.newPage();
    await other.goto(`${ecoute.url}/login`);
    await other.getByLabel('Email').fill(ADMIN.email);
    await other.getByLabel('Password').fill(ADMIN.password);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.waitForURL(/\/inbox\/unanswered$/);
    const interrupted = other.getByRole('status').filter({ hasText: 'Live updates are interrupted' });
    await interrupted.waitFor();
    await context.unroute('**/api/v1/events');
    await interrupted.waitFor({ state: 'detached', timeout: 10_000 });
    const message = await writeMessage(ecoute.url, { body: 'Back online?', locale: 'en' });
    await expect
      .poll(() => other.locator('li.row', { hasText: message.reference }).count(), { timeout: 5_000 })
      .toBe(1);
    await context.close();
  });
});
