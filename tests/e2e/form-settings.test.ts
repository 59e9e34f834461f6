// Settings › Forms in Chromium: an admin creates a form by keyboard and mouse, sees the snippet and the
// real widget follow the edits (key, accent, language, acknowledgement), copies the snippet, then a
// customer writes through the new form's hosted page and through the widget on the allowed site,
// both with the form's words and colour, and without a Content Security Policy violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, signIn } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser } from '../support/browser.ts';
import { startHostPage, type HostPage } from '../support/host-page.ts';

/** What Chromium computes for the widget's send button: the accent it uses. */
const buttonColour = (page: Page) =>
  page.locator('ecoute-form button[type=submit]').evaluate((button) => getComputedStyle(button).backgroundColor);

describe.skipIf(!hasBrowser)('form settings, in Chromium', () => {
  let ecoute: RunningApp;
  let host: HostPage;
  let browser: Browser;
  const violations: string[] = [];

  beforeAll(async () => {
    [ecoute, host, browser] = await Promise.all([startApp(), startHostPage(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await ecoute?.close();
  });

  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const page = await (await browser.newContext(options)).newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`),
      ),
    );
    return page;
  }

  it(
    'creates a form whose snippet and preview follow the edits, then takes messages with its words and colour',
    { timeout: 90_000 },
    async () => {
      const page = await newPage({
        locale: 'en-GB',
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      await page.goto(`${ecoute.url}/login`);
      await page.getByLabel('Email').fill(ADMIN.email);
      await page.getByLabel('Password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/inbox\/unanswered$/);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Forms' }).click();
      await page.waitForURL(/\/settings\/forms$/);
      await page.getByRole('link', { name: 'Demo' }).waitFor();
      await page.getByRole('link', { name: 'New form' }).click();
      await page.waitForURL(/\/settings\/forms\/new$/);
      // Arriving on the page, focus is on its heading; the name field comes first after it.
      // (The heading, not the "New form" link just clicked, which has the same words.)
      await expect
        .poll(() => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`))
        .toBe('H1 New form');
      await page.keyboard.press('Tab');
      const name = page.getByRole('textbox', { name: 'Name' });
      expect(await name.evaluate((field) => field === document.activeElement)).toBe(true);
      await name.fill('Boutique de Lyon');
      await page.getByLabel('Key').fill('lyon');

      const snippet = page.getByRole('figure', { name: 'Snippet to paste into the site’s pages' }).locator('code');
      await expect
        .poll(() => snippet.textContent())
        .toBe(`<script src="${ecoute.url}/embed.js" async></script>\n<ecoute-form form="lyon"></ecoute-form>`);

      // The real widget, in the page, in the language and colour being edited.
      const preview = page.locator('.widget-preview ecoute-form');
      await page.locator('.widget-preview ecoute-form textarea').waitFor();
      expect(await preview.getAttribute('form')).toBe('lyon');
      await expect
        .poll(() => page.locator('.widget-preview ecoute-form label[for=body]').textContent())
        .toBe('Votre message');
      await page.getByRole('button', { name: /Default language/ }).click();
      await page.getByRole('option', { name: 'English' }).click();
      await expect
        .poll(() => page.locator('.widget-preview ecoute-form label[for=body]').textContent())
        .toBe('Your message');
      await page.getByRole('button', { name: /Default language/ }).click();
      await page.getByRole('option', { name: 'French' }).click();

      const accent = page.getByRole('textbox', { name: 'Accent colour', exact: true });
      await accent.fill('#ffdd00');
      await expect.poll(() => page.getByText(/Too light: white text on it has a contrast of/).count()).toBe(1);
      await accent.fill('#1b5e20');
      await expect.poll(() => buttonColour(page)).toBe('rgb(27, 94, 32)');
      expect(await page.getByText(/Too light/).count()).toBe(0);

      const french = page.getByRole('textbox', { name: 'Acknowledgement in French' });
      await french.fill('Bonjour {{prenom}}');
      await expect.poll(() => page.getByText('{{prenom}}: not a placeholder.').count()).toBe(1);
      await french.fill('Bonjour {{name}}, la boutique de Lyon a bien reçu votre message {{reference}}.');
      await expect
        .poll(() => page.locator('.words[lang=fr]').textContent())
        .toMatch(/^Bonjour Marie Dubois, la boutique de Lyon a bien reçu votre message EC-7K2Q9\. Vous pouvez suivre/);
      await page.getByRole('textbox', { name: 'Allowed sites' }).fill(`${host.url}/`);
      await expect.poll(() => page.getByText(`is not written as browsers send it: write ${host.url}`).count()).toBe(1);
      await page.getByRole('textbox', { name: 'Allowed sites' }).fill(host.url);

      await page.getByRole('button', { name: 'Create the form' }).click();
      await page.waitForURL(/\/settings\/forms\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Form created.' }).count()).toBe(1);

      await page.getByRole('button', { name: 'Copy the snippet' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Copied.' }).count()).toBe(1);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        `<script src="${ecoute.url}/embed.js" async></script>\n<ecoute-form form="lyon"></ecoute-form>`,
      );

      // A customer on the hosted page, without JavaScript: the form's colour and its own words.
      const customer = await newPage({ javaScriptEnabled: false, locale: 'fr-FR' });
      await customer.goto(`${ecoute.url}/f/lyon`);
      expect(
        await customer.locator('button[type=submit]').evaluate((button) => getComputedStyle(button).backgroundColor),
      ).toBe('rgb(27, 94, 32)');
      await customer.fill('#body', 'Le colis est arrivé ouvert.');
      await customer.fill('#name', 'Élise');
      await customer.waitForTimeout(1_600); // a person takes at least this long; faster is quarantined
      await Promise.all([customer.waitForURL(/\/t\/[A-Za-z0-9_-]{43}$/), customer.click('button[type=submit]')]);
      expect(await customer.textContent('.timeline')).toMatch(
        /Bonjour Élise, la boutique de Lyon a bien reçu votre message EC-[0-9A-Z]{5}\./,
      );

      // An edit reaches the widget on the site: its colour (no accent attribute) and its words.
      await accent.fill('#7b1fa2');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
      const admin = await signIn(ecoute.url);
      const forms = (await admin.request('GET', '/api/v1/forms')).json.items;
      expect(forms.find((form: { key: string }) => form.key === 'lyon')).toMatchObject({ accent: '#7b1fa2' });

      host.page(
        '/contact',
        `<!doctype html><html lang="fr"><body><script src="${ecoute.url}/embed.js" async></script><ecoute-form form="lyon"></ecoute-form></body></html>`,
      );
      const site = await newPage();
      await site.goto(`${host.url}/contact`);
      await site.locator('ecoute-form textarea').waitFor();
      await expect.poll(() => buttonColour(site)).toBe('rgb(123, 31, 162)');
      await site.locator('ecoute-form textarea').fill('Merci pour la livraison rapide.');
      await site.locator('ecoute-form #name').fill('Jules');
      await site.waitForTimeout(1_600);
      await site.locator('ecoute-form button[type=submit]').click();
      await expect
        .poll(() => site.locator('ecoute-form .ack').textContent())
        .toMatch(/^Bonjour Jules, la boutique de Lyon a bien reçu votre message EC-[0-9A-Z]{5}\. Vous pouvez suivre/);

      expect(violations).toEqual([]);
    },
  );
});
