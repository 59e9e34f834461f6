// The customers' own words in Chromium: a manager finds the page in the navigation (an agent does
// not), reads the most used words, phrases and rising words as tables, narrows them by language, and
// follows a count to the inbox, which lists exactly that many messages; then in French.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createAgent, passwordOf, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser, signedInPage } from '../support/browser.ts';
import { writeMessage } from '../support/customer.ts';

describe.skipIf(!hasBrowser)('the customers’ own words, in Chromium', () => {
  let ecoute: RunningApp;
  let browser: Browser;
  let admin: AgentClient;
  const violations: string[] = [];

  beforeAll(async () => {
    [ecoute, browser] = await Promise.all([startApp('pglite'), launchBrowser()]);
    admin = await signIn(ecoute.url);
    await createAgent(ecoute.url, admin, { email: 'mia@shop.example', name: 'Mia', role: 'manager' });
    await createAgent(ecoute.url, admin, { email: 'alex@shop.example', name: 'Alex', role: 'agent' });
    for (const body of [
      'Les livraisons sont en retard.',
      'Ma livraison est arrivée cassée.',
      'Livraison rapide, merci !',
      'Je voudrais un remboursement.',
    ]) {
      await writeMessage(ecoute.url, { body, locale: 'fr' });
    }
    await writeMessage(ecoute.url, { body: 'The delivery was late.', locale: 'en' });
  });
  afterAll(async () => {
    await browser?.close();
    await ecoute?.close();
  });

  async function signedIn(email: string): Promise<Page> {
    const page = await signedInPage(browser, ecoute.url, { email, password: passwordOf(email) }, violations);
    page.setDefaultTimeout(8_000);
    return page;
  }

  it('a manager reads the words as tables and follows a count to exactly its messages', async () => {
    const page = await signedIn('mia@shop.example');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers’ words' }).click();
    await page.waitForURL(/\/words$/);
    await page.getByRole('heading', { name: 'Customers’ words', level: 1 }).waitFor();

    const words = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Messages' }) });
    await expect.poll(() => words.count()).toBe(3);
    const top = page.locator('section', { has: page.getByRole('heading', { name: 'Most used words' }) });
    await top.getByRole('rowheader', { name: 'livraison', exact: true }).waitFor();
    await top.getByRole('rowheader', { name: 'delivery', exact: true }).waitFor();
    expect(await top.getByRole('rowheader', { name: 'les', exact: true }).count()).toBe(0);
    const phrases = page.locator('section', { has: page.getByRole('heading', { name: 'Most used phrases' }) });
    await phrases.getByRole('rowheader', { name: 'livraisons sont en retard' }).waitFor();
    const rising = page.locator('section', { has: page.getByRole('heading', { name: 'Rising' }) });
    await rising.getByRole('columnheader', { name: 'Period before' }).waitFor();

    // One language: the English words go.
    await page.getByRole('button', { name: /Language$/ }).click();
    await page.getByRole('option', { name: 'French', exact: true }).click();
    await page.waitForURL(/locale=fr/);
    await expect.poll(() => top.getByRole('rowheader', { name: 'delivery', exact: true }).count()).toBe(0);

    // The count is a link to the inbox, filtered to exactly the messages it counts.
    await top.getByRole('link', { name: 'Show the 3 messages using “livraison”' }).click();
    await page.waitForURL(/\/inbox\/all\?.*word=livraison/);
    await page.getByText('Customers’ words: “livraison”').waitFor();
    await expect.poll(() => page.locator('.rows > li').count()).toBe(3);
    for (const excerpt of ['Les livraisons sont en retard.', 'Ma livraison est arrivée cassée.', 'Livraison rapide']) {
      await page.getByText(excerpt).first().waitFor();
    }
    // Removing the filter shows every French message again.
    await page.getByRole('button', { name: 'Remove the words filter' }).click();
    await expect.poll(() => page.locator('.rows > li').count()).toBe(4);
    expect(violations).toEqual([]);
  });

  it('is in French, and not for agents', async () => {
    const page = await signedIn('mia@shop.example');
    await page.goto(`${ecoute.url}/words`);
    await page.getByLabel('Français', { exact: true }).click();
    await page.getByRole('heading', { name: 'Les mots des clients', level: 1 }).waitFor();
    const top = page.locator('section', { has: page.getByRole('heading', { name: 'Mots les plus employés' }) });
    await top.getByRole('link', { name: 'Voir les 3 messages qui emploient « livraison »' }).waitFor();
    await page.getByRole('heading', { name: 'Expressions les plus employées' }).waitFor();

    const agent = await signedIn('alex@shop.example');
    const nav = agent.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Inbox' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Customers’ words' }).count()).toBe(0);
    await agent.goto(`${ecoute.url}/words`);
    await agent.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Customers’ words' }).waitFor();
    expect(await agent.getByRole('table').count()).toBe(0);
    expect(violations).toEqual([]);
  });
});
