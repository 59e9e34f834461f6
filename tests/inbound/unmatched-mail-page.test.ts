// The admins' unmatched mail page in Chromium: a mail nobody could place is listed, its original
// shown as text (a script in it stays text), attached to a message by pasting the message's address;
// the message's timeline then shows the words as the customer's, by email, with a link to the original.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser } from '../support/browser.ts';
import { writeMessage } from '../support/customer.ts';
import { INBOUND_ENV, postMail } from '../support/inbound-mail.ts';

const STRAY_MAIL = `From: Marc Noir <marc@exemple.fr>
To: someone@elsewhere.example
Subject: Ma commande <script>window.pwned = 1</script>
Message-ID: <stray-1@exemple.fr>
Content-Type: text/plain; charset=utf-8

Bonjour, où en est ma commande ? <img src=x onerror="window.pwned = 2">
`;

describe.skipIf(!hasBrowser)('unmatched mail, in Chromium', () => {
  let ecoute: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [ecoute, browser] = await Promise.all([startApp('pglite', INBOUND_ENV), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await ecoute?.close();
  });

  it('an admin reads a stray mail’s original and attaches it to its message', async () => {
    const message = await writeMessage(ecoute.url, {
      body: 'Où en est ma commande 7781 ?',
      name: 'Marc Noir',
      locale: 'fr',
    });
    expect((await postMail(ecoute.url, STRAY_MAIL)).json.outcome).toBe('unmatched');

    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(`${ecoute.url}/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inbox\/unanswered$/);
    await page.getByRole('link', { name: 'Unmatched mail' }).click();
    await page.waitForURL(/\/settings\/unmatched-mail$/);

    const item = page.locator('.unmatched-mail__item', { hasText: 'Marc Noir' });
    await item.waitFor();
    expect(await item.textContent()).toContain('Not sent to the company’s address');

    await item.getByRole('button', { name: /^View the original/ }).click();
    const source = page.locator('pre.mail-source');
    await source.waitFor();
    expect(await source.textContent()).toContain('Subject: Ma commande <script>window.pwned = 1</script>');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await page.getByRole('button', { name: 'Close' }).click();

    await item.getByRole('button', { name: /^Attach .* to a message$/ }).click();
    await page.getByLabel('Message', { exact: true }).fill(`${ecoute.url}/messages/${message.id}`);
    await page.getByRole('dialog').getByRole('button', { name: 'Attach to a message' }).click();
    await expect.poll(() => item.count()).toBe(0);
    await page.getByText('No unmatched mail.').waitFor();

    await page.goto(`${ecoute.url}/messages/${message.id}`);
    const byEmail = page.locator('.event--customer_message', { hasText: 'où en est ma commande' });
    await byEmail.waitFor();
    expect(await byEmail.textContent()).toContain('(by email)');
    const original = byEmail.getByRole('link', { name: 'Open the original mail' });
    expect(await original.getAttribute('href')).toMatch(/^\/api\/v1\/inbound-mails\/[\da-f-]{36}\/raw$/);
    expect(await page.locator('.event--mail_attached').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });
});
