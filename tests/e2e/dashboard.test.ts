// The managers' dashboard in Chromium: numbers checked against messages made through the API, the
// charts drawn next to their tables, and a number clicked to the inbox listing exactly its messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createAgent, passwordOf, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser, signedInPage } from '../support/browser.ts';
import { writeMessage, type WrittenMessage } from '../support/customer.ts';

describe.skipIf(!hasBrowser)('the dashboard, in Chromium', () => {
  let ecoute: RunningApp;
  let browser: Browser;
  let admin: AgentClient;
  let ana: AgentClient;
  const waiting: WrittenMessage[] = [];
  let answered: WrittenMessage;
  const violations: string[] = [];

  beforeAll(async () => {
    [ecoute, browser] = await Promise.all([startApp('pglite'), launchBrowser()]);
    admin = await signIn(ecoute.url);
    await createAgent(ecoute.url, admin, { email: 'mia@shop.example', name: 'Mia', role: 'manager' });
    ana = await createAgent(ecoute.url, admin, { email: 'ana@shop.example', name: 'Ana', role: 'agent' });
    answered = await writeMessage(ecoute.url, { body: 'My parcel is late.' });
    const reply = await ana.request('POST', `/api/v1/messages/${answered.id}/replies`, {
      body: 'Hello, it is coming.',
    });
    expect(reply.status).toBe(201);
    for (const body of ['Nobody answered me.', 'Is anyone there?'])
      waiting.push(await writeMessage(ecoute.url, { body }));
  });
  afterAll(async () => {
    await browser?.close();
    await ecoute?.close();
  });

  it('shows the numbers of the messages made, with charts and tables, and a number opens exactly its messages', async () => {
    const page = await signedInPage(
      browser,
      ecoute.url,
      { email: 'mia@shop.example', password: passwordOf('mia@shop.example') },
      violations,
    );
    page.setDefaultTimeout(8_000);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(/\/dashboard/);
    const unanswered = page.getByRole('region', { name: 'Unanswered now' });
    await expect.poll(() => unanswered.getByRole('link').first().textContent()).toBe('2');
    const rate = page.getByRole('region', { name: 'Answer rate' });
    expect(await rate.getByRole('link', { name: 'Received: 3' }).count()).toBe(1);
    expect(await rate.getByRole('link', { name: 'Answered: 1' }).count()).toBe(1);
    expect(await rate.textContent()).toContain('33.3%');
    // Charts (drawn by the lazily loaded chunk) and the tables they picture.
    await page.locator('.dashboard-chart svg').first().waitFor();
    expect(await page.locator('.dashboard-chart svg').count()).toBeGreaterThanOrEqual(2);
    const agents = page.getByRole('table', { name: /First replies credited/ });
    expect(await agents.getByRole('row', { name: /Ana/ }).getByRole('link').first().textContent()).toBe('1');

    await unanswered.getByRole('link', { name: 'Unanswered now: 2' }).click();
    await page.waitForURL(/\/inbox\/unanswered\?/);
    const list = page.getByRole('main');
    for (const message of waiting) await list.getByText(message.reference).waitFor();
    expect(await list.getByText(answered.reference).count()).toBe(0);
    expect(await page.getByRole('link', { name: /EC-/ }).count()).toBe(2);
    expect(violations).toEqual([]);
  });

  it('is not shown to agents', async () => {
    const page = await signedInPage(
      browser,
      ecoute.url,
      { email: 'ana@shop.example', password: passwordOf('ana@shop.example') },
      violations,
    );
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).count()).toBe(
      0,
    );
  });
});
