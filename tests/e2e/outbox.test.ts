// The Outbox in Chromium, against a real SMTP server that refuses for good (550): the failed
// acknowledgement is on the admin's Failed tab with the server's reason; once the server accepts
// again, Retry sends it, it moves to Sent, and the message page shows it sent. Agents have no Outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, createAgent, passwordOf, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser, signedInPage } from '../support/browser.ts';
import { writeMessage } from '../support/customer.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

describe.skipIf(!hasBrowser)('the Outbox, in Chromium', () => {
  let sink: SmtpSink;
  let ecoute: RunningApp;
  let browser: Browser;
  let admin: AgentClient;
  const violations: string[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    sink.refuseWith({ code: 550, message: 'mailbox unavailable' });
    [ecoute, browser] = await Promise.all([startApp('pglite', { SMTP_URL: sink.url }), launchBrowser()]);
    admin = await signIn(ecoute.url);
  });
  afterAll(async () => {
    await browser?.close();
    await ecoute?.close();
    await sink?.stop();
  });

  const signedIn = (email: string, password: string): Promise<Page> =>
    signedInPage(browser, ecoute.url, { email, password }, violations);

  it('lists a failed email with its reason, retries it, and shows it sent', async () => {
    const message = await writeMessage(ecoute.url, {
      body: 'The invoice is wrong.',
      email: 'refused@example.org',
      locale: 'en',
    });
    // Refused for good: the acknowledgement fails without waiting for retries.
    await expect
      .poll(async () => (await admin.request('GET', '/api/v1/outbox?view=failed')).json.items.length, {
        timeout: 20_000,
      })
      .toBe(1);

    const page = await signedIn(ADMIN.email, ADMIN.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click();
    await page.waitForURL(/\/settings\/outbox$/);
    await page.getByRole('tab', { name: 'Failed' }).click();
    const failed = page.getByRole('table', { name: 'Emails that could not be sent' });
    const row = failed.getByRole('row').filter({ hasText: message.reference });
    await row.waitFor();
    expect(await row.textContent()).toContain('Acknowledgement email');
    expect(await row.textContent()).toContain('refused@example.org');
    expect(await row.textContent()).toContain('550');

    sink.refuseWith(null);
    await row.getByRole('button', { name: 'Retry: Acknowledgement email to refused@example.org' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('Acknowledgement email to refused@example.org: queued to be sent again.');
    await expect.poll(() => row.count()).toBe(0);
    const [sent] = await sink.waitFor(1);
    expect(sent!.envelope.to).toEqual(['refused@example.org']);

    // Sent once the server said so: the tab is read again until it shows it.
    await expect
      .poll(
        async () => {
          await page.goto(`${ecoute.url}/settings/outbox?view=sent`);
          return page
            .getByRole('table', { name: /^Emails sent/ })
            .getByRole('row')
            .filter({ hasText: message.reference })
            .count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    const sentRow = page.getByRole('row').filter({ hasText: message.reference });
    expect(await sentRow.textContent()).toContain('Sent');

    // The reference leads to the message, whose Emails section says the same.
    await sentRow.getByRole('link', { name: message.reference }).click();
    await page.waitForURL(`${ecoute.url}/messages/${message.id}`);
    const acknowledgement = page
      .getByRole('region', { name: 'Emails' })
      .getByRole('listitem')
      .filter({ hasText: 'Acknowledgement email' });
    expect(await acknowledgement.textContent()).toContain('Sent');
    expect(violations).toEqual([]);
  });

  it('is not offered to agents', async () => {
    await createAgent(ecoute.url, admin, { email: 'lea@example.com', name: 'Léa Roux', role: 'agent' });
    const page = await signedIn('lea@example.com', passwordOf('lea@example.com'));
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Inbox' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Outbox' }).count()).toBe(0);
    await page.goto(`${ecoute.url}/settings/outbox`);
    await page.getByRole('heading', { name: 'Not available for your role' }).waitFor();
  });
});
