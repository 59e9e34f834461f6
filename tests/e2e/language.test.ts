// The agent app's language switch in Chromium, as an agent uses it: an English browser speaks English;
// choosing French in the header (with the keyboard, which stays on the switch) turns the page and
// <html lang> French at once, without a reload, and saves it to the profile; signing in on another
// browser (no storage, English too) then speaks French from the start; choosing English there is saved
// as well. Bad values for PATCH /me are refused in
// tests/api/profile.test.ts, not here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createAgent, passwordOf, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser } from '../support/browser.ts';

const LEA = { email: 'lea@shop.example', name: 'Léa', role: 'agent' } as const;

describe.skipIf(!hasBrowser)('the language switch, in Chromium', () => {
  let ecoute: RunningApp;
  let browser: Browser;
  let lea: AgentClient;
  const violations: string[] = [];

  beforeAll(async () => {
    [ecoute, browser] = await Promise.all([startApp('pglite'), launchBrowser()]);
    lea = await createAgent(ecoute.url, await signIn(ecoute.url), LEA);
  });
  afterAll(async () => {
    await browser?.close();
    await ecoute?.close();
  });

  /** The language saved in Léa's profile, as her session reports it. */
  const savedLanguage = async () => (await lea.request('GET', '/api/v1/auth/me')).json.user.locale;

  /**
   * Léa signed in on a fresh browser context whose own language is English: whatever French it
   * speaks comes from her profile, not from the browser or its storage.
   */
  async function signInOnNewBrowser(): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    page.setDefaultTimeout(8_000);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${ecoute.url}/login`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    await page.getByLabel('Email').fill(LEA.email);
    await page.getByLabel('Password').fill(passwordOf(LEA.email));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inbox\/unanswered$/);
    return page;
  }

  const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');
  const languageSwitch = (page: Page, name: 'Language' | 'Langue') => page.getByRole('radiogroup', { name });

  /** What the signed-in frame and the inbox page say in each language. */
  const LABELS = {
    en: {
      heading: 'Unanswered',
      nav: 'Main',
      inbox: 'Inbox',
      commitments: 'Commitments',
      views: 'Inbox views',
      signOut: 'Sign out',
      switch: 'Language',
      language: 'English',
    },
    fr: {
      heading: 'Sans réponse',
      nav: 'Principale',
      inbox: 'Boîte de réception',
      commitments: 'Engagements',
      views: 'Vues de la boîte de réception',
      signOut: 'Se déconnecter',
      switch: 'Langue',
      language: 'Français',
    },
  } as const;

  /** The signed-in frame and the inbox page, all in `lang`, and nothing of the other language. */
  async function expectLanguage(page: Page, lang: keyof typeof LABELS) {
    const words = LABELS[lang];
    const other = LABELS[lang === 'en' ? 'fr' : 'en'];
    await page.getByRole('heading', { level: 1, name: words.heading }).waitFor();
    expect(await htmlLang(page)).toBe(lang);
    expect(await page.title()).toBe(`${words.heading} · Ecoute`);
    const nav = page.getByRole('navigation', { name: words.nav });
    expect(await nav.getByRole('link', { name: words.inbox, exact: true }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: words.commitments }).count()).toBe(1);
    expect(await page.getByRole('navigation', { name: words.views }).count()).toBe(1);
    expect(await page.getByRole('button', { name: words.signOut }).count()).toBe(1);
    expect(
      await languageSwitch(page, words.switch).getByRole('radio', { name: words.language, checked: true }).count(),
    ).toBe(1);
    expect(await page.getByRole('navigation', { name: other.nav }).count()).toBe(0);
    expect(await page.getByText(other.heading).count()).toBe(0);
  }

  it('speaks the browser’s English, then French as soon as it is chosen, without a reload, and saves it', async () => {
    expect(await savedLanguage()).toBeNull();
    const page = await signInOnNewBrowser();
    await expectLanguage(page, 'en');
    let reloads = 0;
    page.on('load', () => reloads++);

    // With the keyboard: the switch keeps the focus, the user is not sent to the page's heading.
    await languageSwitch(page, 'Language').getByRole('radio', { name: 'Français' }).focus();
    await page.keyboard.press('Enter');
    await expectLanguage(page, 'fr');
    expect(reloads).toBe(0);
    const chosen = languageSwitch(page, 'Langue').getByRole('radio', { name: 'Français' });
    expect(await chosen.evaluate((radio) => radio === document.activeElement)).toBe(true);
    await expect.poll(savedLanguage).toBe('fr');
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('speaks the saved French on another browser, and saves English chosen there', async () => {
    const page = await signInOnNewBrowser();
    await expectLanguage(page, 'fr');
    let reloads = 0;
    page.on('load', () => reloads++);

    await languageSwitch(page, 'Langue').getByRole('radio', { name: 'English' }).click();
    await expectLanguage(page, 'en');
    expect(reloads).toBe(0);
    await expect.poll(savedLanguage).toBe('en');
    expect(await page.getByRole('alert').count()).toBe(0);
    // Saved, the choice is not undone when the session is read again (the profile now says English).
    await page.reload();
    await expectLanguage(page, 'en');
    expect(violations).toEqual([]);
  });
});
