// The weekly digest in Chromium: a manager finds Settings › Weekly digest in the navigation, adds an
// address for a team, sees it listed; the digest it gets carries a link whose page, opened without an
// account, unsubscribes it with one button. Agents have no such page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sendWeeklyDigests } from '../../server/src/domain/send-digests.ts';
import { createAgent, passwordOf, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser, signedInPage } from '../support/browser.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

describe.skipIf(!hasBrowser)('the weekly digest, in Chromium', () => {
  let sink: SmtpSink;
  let ecoute: RunningApp;
  let browser: Browser;
  let admin: AgentClient;
  const violations: string[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    [ecoute, browser] = await Promise.all([startApp('pglite', { SMTP_URL: sink.url }), launchBrowser()]);
    admin = await signIn(ecoute.url);
    await createAgent(ecoute.url, admin, { email: 'mona@example.com', name: 'Mona', role: 'manager' });
    await createAgent(ecoute.url, admin, { email: 'lea@example.com', name: 'Léa', role: 'agent' });
  });
  afterAll(async () => {
    await browser?.close();
    await ecoute?.close();
    await sink?.stop();
  });

  const signedIn = (email: string): Promise<Page> =>
    signedInPage(browser, ecoute.url, { email, password: passwordOf(email) }, violations);

  it('lets a manager subscribe an address, and the address unsubscribe itself', async () => {
    const page = await signedIn('mona@example.com');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Weekly digest' }).click();
    await page.waitForURL(/\/settings\/digests$/);
    await page.getByText('Nobody gets the digest yet.').waitFor();
    const form = page.getByRole('form', { name: 'Add a subscriber' });
    await form.getByLabel('Email address').fill('ceo@example.org');
    await form.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('status').filter({ hasText: 'ceo@example.org will get the digest every Monday.' }).waitFor();
    const row = page
      .getByRole('table', { name: 'Weekly digest' })
      .getByRole('row')
      .filter({ hasText: 'ceo@example.org' });
    await row.waitFor();
    expect(await row.textContent()).toContain('English');

    await sendWeeklyDigests(ecoute.app.db, ecoute.app.outbox, { now: new Date(Date.now() + 7 * 86_400_000) });
    const [digest] = await sink.waitFor(1);
    const link = digest!.header('list-unsubscribe')!.slice(1, -1);

    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(link);
    await stranger.getByText('Stop sending the weekly digest to ceo@example.org?').waitFor();
    await stranger.getByRole('button', { name: 'Unsubscribe' }).click();
    await stranger.getByRole('status').filter({ hasText: 'will not receive the weekly digest any more' }).waitFor();

    await page.reload();
    await page.getByText('Nobody gets the digest yet.').waitFor();
    expect(violations).toEqual([]);
  });

  it('is not offered to agents', async () => {
    const page = await signedIn('lea@example.com');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Inbox' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Weekly digest' }).count()).toBe(0);
    await page.goto(`${ecoute.url}/settings/digests`);
    await page.getByRole('heading', { name: 'Not available for your role' }).waitFor();
  });
});
