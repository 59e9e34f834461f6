// The customer's choice about emails and what agents see of it, in Chromium: the customer stops
// emails from their tracking page (plain forms, no script, under the strict CSP), turns them back
// on and off again; the agent sees their address's state, the emails written about the message with
// their delivery state, and each change on the timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser } from '../support/browser.ts';
import { writeMessage } from '../support/customer.ts';

describe.skipIf(!hasBrowser)('customer emails, in Chromium', () => {
  let ecoute: RunningApp;
  let browser: Browser;
  const violations: string[] = [];

  beforeAll(async () => {
    [ecoute, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await ecoute?.close();
  });

  async function newPage(): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    return page;
  }

  it('the customer stops emails and turns them on again; the agent sees it all', async () => {
    const message = await writeMessage(ecoute.url, {
      body: 'The parcel never came.',
      name: 'Ingrid Olsen',
      email: 'ingrid@example.org',
      locale: 'en',
    });

    const customer = await newPage();
    await customer.goto(`${ecoute.url}/t/${message.token}`);
    const emails = customer.getByRole('region', { name: 'Emails' });
    await expect.poll(() => emails.textContent()).toContain('We email you at each step');
    await emails.getByRole('button', { name: 'Stop emails about this message' }).click();
    await customer.waitForURL(`${ecoute.url}/t/${message.token}/emails/off`);
    expect(await customer.getByRole('heading', { level: 1 }).textContent()).toBe(
      `Emails about your message ${message.reference}`,
    );
    expect(await customer.textContent('main')).toContain('Emails are off');

    await customer.getByRole('button', { name: 'Receive emails again' }).click();
    await customer.waitForURL(`${ecoute.url}/t/${message.token}#emails`);
    await expect.poll(() => emails.textContent()).toContain('We email you at each step');
    await emails.getByRole('button', { name: 'Stop emails about this message' }).click();
    await customer.waitForURL(/\/emails\/off$/);
    await customer.getByRole('link', { name: 'Back to your message' }).click();
    await expect.poll(() => emails.textContent()).toContain('Emails are off');

    const agent = await newPage();
    await agent.goto(`${ecoute.url}/login`);
    await agent.getByLabel('Email').fill(ADMIN.email);
    await agent.getByLabel('Password').fill(ADMIN.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.waitForURL(/\/inbox\/unanswered$/);
    await agent.goto(`${ecoute.url}/messages/${message.id}`);
    await agent.getByText('The parcel never came.').first().waitFor();
    expect(await agent.locator('.customer-message .facts').textContent()).toContain(
      'ingrid@example.org Emails off by the customer',
    );
    const panel = agent.getByRole('region', { name: 'Emails' });
    const acknowledgement = panel.getByRole('listitem').filter({ hasText: 'Acknowledgement email' });
    // No mail server in this test: the acknowledgement is held, and says so.
    await expect.poll(() => acknowledgement.textContent()).toContain('Held: no mail server set');
    expect(await acknowledgement.getByRole('heading', { level: 3 }).textContent()).toBe('Acknowledgement email');
    expect(await acknowledgement.textContent()).toContain('to ingrid@example.org');

    const timeline = agent.getByRole('region', { name: 'Timeline' });
    await expect.poll(() => timeline.getByText('turned emails off for this message').count()).toBe(2);
    expect(await timeline.getByText('turned emails back on for this message').count()).toBe(1);
    // The customer's choice, not Ecoute's.
    const off = timeline.getByRole('listitem').filter({ hasText: 'turned emails off for this message' }).first();
    expect(await off.textContent()).toContain('Ingrid Olsen');
    expect(violations).toEqual([]);
  });
});
