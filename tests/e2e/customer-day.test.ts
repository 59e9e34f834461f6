// Customer Day in Chromium: a manager pins a message's words from its page, opens the next Customer
// Day's report from the navigation and finds them, publishes it, makes a share link; the link opens
// in a fresh context with no session; printing (print media) hides the navigation and the controls;
// a revoked link says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { nextCustomerDay } from '@ecoute/shared/customer-day';
import { ADMIN, createAgent, passwordOf, signIn } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser, signedInPage } from '../support/browser.ts';
import { writeMessage, type WrittenMessage } from '../support/customer.ts';

describe.skipIf(!hasBrowser)('Customer Day, in Chromium', () => {
  let ecoute: RunningApp;
  let browser: Browser;
  let message: WrittenMessage;
  let page: Page;
  let shareUrl: string;
  const violations: string[] = [];
  const next = nextCustomerDay(new Date());

  beforeAll(async () => {
    [ecoute, browser] = await Promise.all([startApp('pglite'), launchBrowser()]);
    const admin = await signIn(ecoute.url);
    await createAgent(ecoute.url, admin, { email: 'mona@shop.example', name: 'Mona', role: 'manager' });
    message = await writeMessage(ecoute.url, {
      body: 'Le livreur a été <em>formidable</em>, merci !',
      name: 'Léa',
      locale: 'fr',
    });
    page = await signedInPage(
      browser,
      ecoute.url,
      { email: 'mona@shop.example', password: passwordOf('mona@shop.example') },
      violations,
    );
    page.setDefaultTimeout(8_000);
  });
  afterAll(async () => {
    await browser?.close();
    await ecoute?.close();
  });

  /** A page in a context of its own: no cookie, no session. */
  async function stranger(): Promise<Page> {
    const fresh = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    fresh.on('console', (entry) => {
      if (/Content Security Policy/i.test(entry.text())) violations.push(entry.text());
    });
    return fresh;
  }

  it('a manager pins the message’s words with a note, from its page', async () => {
    await page.goto(`${ecoute.url}/messages/${message.id}`);
    const panel = page.getByRole('region', { name: 'Customer Day' });
    await panel.getByLabel('Manager’s note (optional)').fill('Lisez-le à voix haute');
    await panel.getByRole('button', { name: 'Pin for Customer Day' }).click();
    await panel.getByText(/Pinned for the Customer Day of/).waitFor();
    // On the timeline, for colleagues.
    await page.getByText('pinned it for Customer Day').waitFor();
  });

  it('opens the next Customer Day’s report from the navigation and finds the verbatim', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customer Day' }).click();
    await page.waitForURL(/\/customer-days$/);
    await page.getByRole('row').nth(1).getByRole('link').click();
    await page.waitForURL(new RegExp(`/customer-days/${next}$`));
    const verbatims = page.getByRole('region', { name: 'Our customers’ own words' });
    await verbatims.getByText('Le livreur a été <em>formidable</em>, merci !').waitFor();
    await verbatims.getByText('Lisez-le à voix haute').waitFor();
    await page
      .getByText(/messages? received/)
      .first()
      .waitFor();
    await page.getByText(/not published/).waitFor();
  });

  it('publishes the report and makes a share link', async () => {
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText(/As published .* by Mona \(version 1\)/).waitFor();
    await page.getByRole('button', { name: 'Publish again' }).waitFor();
    await page.getByRole('button', { name: 'Make a share link' }).click();
    shareUrl = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${ecoute.url}/customer-day/[A-Za-z0-9_-]{43}$`));
  });

  it('printing the report leaves the navigation and controls out', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await nav.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Share links' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Our customers’ own words' }).isVisible()).toBe(true);
    const breaks = await page
      .locator('.report-section')
      .evaluateAll((sections) => sections.map((section) => getComputedStyle(section).breakBefore));
    expect(breaks.slice(1).every((value) => value === 'page')).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('the share link opens with no account, is printable, and stops when revoked', async () => {
    const reader = await stranger();
    const response = await reader.goto(shareUrl);
    expect(response?.status()).toBe(200);
    await reader.getByRole('heading', { level: 1, name: /Customer Day/ }).waitFor();
    // The customer's markup is text, never markup.
    await reader.getByText('Le livreur a été <em>formidable</em>, merci !').waitFor();
    expect(await reader.locator('em').count()).toBe(0);
    await reader.getByText('Lisez-le à voix haute').waitFor();
    const hint = reader.getByText(/use the browser’s Print command/);
    expect(await hint.isVisible()).toBe(true);
    await reader.emulateMedia({ media: 'print' });
    expect(await hint.isVisible()).toBe(false);
    expect(await reader.getByRole('heading', { name: 'Lost customers' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText(/revoked/).waitFor();
    const later = await stranger();
    const revoked = await later.goto(shareUrl);
    expect(revoked?.status()).toBe(410);
    await later.getByRole('heading', { name: 'This link was revoked' }).waitFor();
    expect(await later.content()).not.toContain('formidable');
  });

  it('reported no CSP violation', () => {
    expect(violations).toEqual([]);
  });

  it('an admin sees it in the navigation too', async () => {
    const adminPage = await signedInPage(browser, ecoute.url, ADMIN, violations);
    await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customer Day' }).waitFor();
  });
});
