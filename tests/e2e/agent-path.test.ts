// The whole path in Chromium: a customer writes through the widget on another site, an agent signs in,
// finds it in `unanswered`, inserts a template, is warned that it is still the unedited template,
// makes it personal, commits to something, and the customer sees both on the tracking page; the agent
// keeps the commitment, the customer sees what was done, and the message is closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signIn, ADMIN, dueIn } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser } from '../support/browser.ts';
import { startHostPage, type HostPage } from '../support/host-page.ts';

describe.skipIf(!hasBrowser)('an agent answers a customer, in Chromium', () => {
  let ecoute: RunningApp;
  let host: HostPage;
  let browser: Browser;
  const violations: string[] = [];

  beforeAll(async () => {
    [ecoute, host, browser] = await Promise.all([startApp(), startHostPage(), launchBrowser()]);
    const manager = await signIn(ecoute.url);
    const template = await manager.request('POST', '/api/v1/templates', {
      name: 'Late delivery',
      body: 'Hello {{customer.name}},\n\nthank you for writing to us about {{reference}}. We are looking into it.\n\n{{agent.name}}',
      locale: 'en',
    });
    expect(template.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await ecoute?.close();
  });

  async function newPage(): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    return page;
  }

  it('goes from the widget to a kept promise', async () => {
    // The customer, on a shop's page.
    host.page(
      '/shop',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><script src="${ecoute.url}/embed.js" async></script><ecoute-form form="demo"></ecoute-form></body></html>`,
    );
    const customer = await newPage();
    await customer.goto(`${host.url}/shop`);
    const words = 'My sofa was due on Monday and nobody came. I took a day off work for nothing. When will it come?';
    await customer.getByLabel('Your message').fill(words);
    await customer.getByLabel('Your name (optional)').fill('Ingrid Olsen');
    await customer.getByLabel('Your email (optional)').fill('ingrid@example.org');
    await customer.waitForTimeout(1_600);
    await customer.getByRole('button', { name: 'Send' }).click();
    const trackingLink = customer.locator('ecoute-form a.link');
    await trackingLink.waitFor();
    const trackingUrl = (await trackingLink.getAttribute('href'))!;
    const reference = (await customer.locator('ecoute-form .ref').textContent())!;

    // The agent signs in and finds the message in `unanswered`.
    const agent = await newPage();
    await agent.goto(`${ecoute.url}/`);
    await agent.getByLabel('Email').fill(ADMIN.email);
    await agent.getByLabel('Password').fill(ADMIN.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.waitForURL(/\/inbox\/unanswered$/);
    const row = agent.locator('li.row', { hasText: reference });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Ingrid Olsen');
    await row.getByRole('link').click();
    await agent.waitForURL(/\/messages\//);
    await agent.getByText(words).first().waitFor();

    // A template, sent as is, is caught by the personalisation check.
    await agent.getByRole('button', { name: 'Insert a template' }).click();
    await agent.getByRole('menuitem', { name: /Late delivery/ }).click();
    const reply = agent.getByRole('textbox', { name: 'Your reply' });
    await expect
      .poll(() => reply.inputValue())
      .toContain(`Hello Ingrid Olsen,\n\nthank you for writing to us about ${reference}.`);
    await agent.getByRole('button', { name: 'Send the reply' }).click();
    const warning = agent.getByRole('alert').filter({ hasText: 'unedited template' });
    await warning.waitFor();
    expect(await agent.getByRole('button', { name: 'Send anyway' }).count()).toBe(1);

    // Made personal, with a commitment, it goes on the first click.
    const personal = (await reply.inputValue()).replace(
      'We are looking into it.',
      'I am sorry you took a day off for nothing: the carrier lost your slot. A new delivery is booked for Thursday morning.',
    );
    await reply.fill(personal);
    await agent.getByRole('button', { name: 'Add a commitment' }).click();
    await agent.getByRole('textbox', { name: 'What will be done' }).fill('Deliver the sofa on Thursday morning');
    await agent.getByLabel('By').first().fill(dueIn(1206));
    await agent.getByRole('button', { name: 'Send the reply' }).click();
    await agent.getByText('Reply sent. The customer can read it now.').waitFor();
    expect(await warning.count()).toBe(0);

    // The customer sees the reply and the commitment at once.
    const tracking = await newPage();
    await tracking.goto(trackingUrl);
    await tracking.getByText('the carrier lost your slot').waitFor();
    expect(await tracking.locator('.commitment').textContent()).toContain('Deliver the sofa on Thursday morning');
    expect(await tracking.locator('.status').textContent()).toBe('Answered, follow-up in progress');

    // The agent keeps the commitment and says what was done.
    await agent.getByRole('button', { name: 'Kept' }).click();
    await agent
      .getByRole('textbox', { name: 'What was done' })
      .fill('Delivered on Thursday at 9:40, signed by Ingrid.');
    await agent.getByRole('button', { name: 'Mark as kept' }).click();
    await expect.poll(() => agent.locator('.commitment__outcome').textContent()).toContain('Delivered on Thursday');

    await tracking.reload();
    await tracking.getByText('Delivered on Thursday at 9:40, signed by Ingrid.').waitFor();
    expect(await tracking.locator('.status').textContent()).toBe('Done');

    const api = await signIn(ecoute.url);
    const closed = await api.request('GET', '/api/v1/messages?view=closed');
    expect(closed.json.items.map((item: { reference: string }) => item.reference)).toContain(reference);
    expect(violations).toEqual([]);
  });
});
