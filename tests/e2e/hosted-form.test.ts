// The hosted form and the tracking page in Chromium: JavaScript turned off, keyboard only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser } from '../support/browser.ts';

describe.skipIf(!hasBrowser)('hosted form and tracking page in Chromium', () => {
  let ecoute: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    [ecoute, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await ecoute?.close();
  });

  it('sends a message without JavaScript and follows it on the tracking page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${ecoute.url}/f/demo`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');

    // Keyboard only: the honeypot is not in the way.
    await page.focus('#body');
    await page.keyboard.type('Ma commande <n°42> est arrivée incomplète.');
    await page.waitForTimeout(1_600); // a person takes at least this long; faster is quarantined
    await page.keyboard.press('Tab');
    await page.keyboard.type('Élise');
    await page.keyboard.press('Tab');
    await page.keyboard.type('elise@example.org');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
    await Promise.all([page.waitForURL(/\/t\/[A-Za-z0-9_-]{43}$/), page.keyboard.press('Enter')]);

    await expect.poll(() => page.textContent('blockquote')).toBe('Ma commande <n°42> est arrivée incomplète.');
    const timeline = await page.textContent('.timeline');
    expect(timeline).toContain('Bonjour Élise,');
    expect(await page.textContent('.status')).toBe('En attente de réponse');
    expect(await page.getAttribute('meta[name=robots]', 'content')).toContain('noindex');

    await page.fill('#body', 'Il manque le câble.');
    // The tracking page has other forms (emails on or off): this is the one that adds words.
    await Promise.all([page.waitForURL(/#event-/), page.click('form:has(#body) button[type=submit]')]);
    expect(await page.locator('.event-customer_message').textContent()).toContain('Il manque le câble.');

    const rows = await ecoute.app.db.query.messages.findMany();
    expect(rows.find((m) => m.body.startsWith('Ma commande'))?.status).toBe('unanswered');
    await context.close();
  });

  it('shows problems next to the fields and keeps what was typed', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${ecoute.url}/f/demo?lang=en`);
    await page.fill('#body', 'Keep these words');
    await page.fill('#email', 'nobody@');
    // Bypass the browser's own email check to see the server's answer.
    await page.evaluate(() => document.querySelector('form')!.setAttribute('novalidate', ''));
    await page.click('button[type=submit]');
    expect(await page.inputValue('#body')).toBe('Keep these words');
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#email-error')).toBe('This email address is not valid.');
    await context.close();
  });

  it('renders the tracking page under its strict CSP without a single violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${ecoute.url}/f/demo`);
    await page.fill('#body', '<script>window.pwned = true</script> "quotes" & ampersands');
    await page.waitForTimeout(1_600);
    await Promise.all([page.waitForURL(/\/t\//), page.click('button[type=submit]')]);
    expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
    expect(await page.textContent('blockquote')).toBe('<script>window.pwned = true</script> "quotes" & ampersands');
    // Our stylesheet applied (CSP allows 'self' styles only).
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('main')!).maxWidth)).not.toBe('none');
    expect(problems).toEqual([]);
    await context.close();
  });
});
