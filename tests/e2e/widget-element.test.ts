// <ecoute-form> as a custom element a host page can drive: its typed events, the properties that
// mirror its attributes, and a pending message that stays with the form and endpoint it was written
// for when the page changes them.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { forms } from '../../server/src/db/schema/index.ts';
import type { EcouteFormElement } from '../../web/embed/ecoute-form-element.ts';
import { hasBrowser } from '../support/browser.ts';
import { widgetScene } from '../support/widget-scene.ts';

describe.skipIf(!hasBrowser)('the <ecoute-form> element’s API', () => {
  const scene = widgetScene();
  let page: Page;

  beforeAll(async () => {
    await scene.ecoute.app.db.insert(forms).values([
      { key: 'other', name: 'Other', allowedOrigins: ['*'] },
      { key: 'shop-only', name: 'Shop', allowedOrigins: ['https://shop.example'] },
    ]);
  });

  async function open(path: string, body: string) {
    page = await scene.open(
      path,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body>${body}<script src="${scene.proxy.url}/embed.js" async></script></body></html>`,
    );
    await page.evaluate(() => customElements.whenDefined('ecoute-form'));
  }

  const widget = () => page.locator('ecoute-form');
  const formOfMessage = async (body: string) =>
    (
      await scene.ecoute.app.db.execute(
        sql`select f.key from messages m join forms f on f.id = m.form_id where m.body = ${body}`,
      )
    ).rows.map((row) => (row as { key: string }).key);

  it('tells the host page what happens with typed events that bubble out of its shadow roots', async () => {
    // The widget inside the host's own component: the events still reach the document.
    await open('/events', '<div id="app"></div>');
    await page.evaluate(() => {
      const app = document.getElementById('app')!.attachShadow({ mode: 'open' });
      app.innerHTML = '<ecoute-form form="demo"></ecoute-form>';
      (window as any).heard = [];
      for (const type of ['ecoute-queued', 'ecoute-sent', 'ecoute-refused'] as const) {
        document.addEventListener(type, (event) => {
          (window as any).heard.push({ type, detail: event.detail, bubbles: event.bubbles, composed: event.composed });
        });
      }
    });
    const heard = () => page.evaluate(() => (window as any).heard);
    const textarea = page.getByLabel('Your message');
    await scene.proxy.fail('bad-gateway');
    await textarea.fill(`Heard by the host page ${Date.now()}`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(heard)
      .toEqual([{ type: 'ecoute-queued', detail: { stored: true }, bubbles: true, composed: true }]);

    await scene.proxy.recover();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(async () => (await heard()).length).toBe(2);
    const reference = await widget().locator('.ref').textContent();
    const trackingUrl = await widget().locator('a.link').getAttribute('href');
    expect((await heard())[1]).toEqual({
      type: 'ecoute-sent',
      detail: { reference, trackingUrl },
      bubbles: true,
      composed: true,
    });
    expect(reference).toMatch(/^EC-/);

    // A form that refuses this website: the page hears it, with Ecoute's reason.
    await page.getByRole('button', { name: 'Write another message' }).click();
    await page.evaluate(() => {
      const element = document.getElementById('app')!.shadowRoot!.querySelector('ecoute-form')!;
      element.form = 'shop-only';
    });
    await textarea.fill('Refused, and the page knows');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(async () => (await heard()).length).toBe(3);
    expect((await heard())[2]).toEqual({
      type: 'ecoute-refused',
      detail: { status: 0, code: 'origin_not_allowed' },
      bubbles: true,
      composed: true,
    });
  });

  it('has properties that mirror its attributes, and follows them when they change', async () => {
    await open('/properties', '<ecoute-form form="demo" accent="#c2410c"></ecoute-form>');
    const read = () =>
      page.evaluate(() => {
        // Typed through HTMLElementTagNameMap: the type check fails if the declaration goes.
        const element: EcouteFormElement | null = document.querySelector('ecoute-form');
        return { form: element!.form, endpoint: element!.endpoint, accent: element!.accent, lang: element!.lang };
      });
    expect(await read()).toEqual({ form: 'demo', endpoint: '', accent: '#c2410c', lang: '' });

    await page.evaluate((endpoint) => {
      const element = document.querySelector('ecoute-form')!;
      element.form = 'other';
      element.endpoint = endpoint;
      element.accent = 'green';
      element.lang = 'fr';
    }, scene.ecoute.url);
    expect(await read()).toEqual({ form: 'other', endpoint: scene.ecoute.url, accent: 'green', lang: 'fr' });
    const attributes = await widget().evaluate((element) =>
      Object.fromEntries(['form', 'endpoint', 'accent', 'lang'].map((name) => [name, element.getAttribute(name)])),
    );
    expect(attributes).toEqual({ form: 'other', endpoint: scene.ecoute.url, accent: 'green', lang: 'fr' });
    // The language and the accent are shown at once; the message goes to the new form and endpoint.
    const button = page.getByRole('button', { name: 'Envoyer' });
    expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(0, 128, 0)');
    expect(await widget().locator('form').getAttribute('lang')).toBe('fr');
    const body = `Sent where the properties say ${Date.now()}`;
    const posted: string[] = [];
    page.on('request', (request) => request.method() === 'POST' && posted.push(request.url()));
    await page.getByLabel('Votre message').fill(body);
    await button.click();
    await expect.poll(() => widget().locator('.ref').textContent()).toMatch(/^EC-/);
    expect(posted).toEqual([`${scene.ecoute.url}/api/v1/forms/other/messages`]);
    expect(await formOfMessage(body)).toEqual(['other']);
  });

  it('sends a pending message to the form and endpoint it was written for, even when the page changes them', async () => {
    await open('/retarget', '<ecoute-form form="demo"></ecoute-form>');
    const posted: string[] = [];
    page.on('request', (request) => request.method() === 'POST' && posted.push(request.url()));
    const first = `Written for the demo form ${Date.now()}`;
    await scene.proxy.fail('bad-gateway');
    await page.getByLabel('Your message').fill(first);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => widget().locator('.status').textContent()).toMatch(/saved on this device/);

    // The page points the element elsewhere while the message waits.
    await page.evaluate((endpoint) => {
      const element = document.querySelector('ecoute-form')!;
      element.form = 'other';
      element.endpoint = endpoint;
    }, scene.ecoute.url);
    expect(await page.getByLabel('Your message').inputValue()).toBe(first);
    await scene.proxy.recover();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => widget().locator('.ref').textContent(), { timeout: 10_000 }).toMatch(/^EC-/);
    const firstReference = await widget().locator('.ref').textContent();
    expect(await formOfMessage(first)).toEqual(['demo']);
    expect(new Set(posted)).toEqual(new Set([`${scene.proxy.url}/api/v1/forms/demo/messages`]));

    // The next message is written for the form the element names now.
    const second = `Written for the other form ${Date.now()}`;
    await page.getByRole('button', { name: 'Write another message' }).click();
    await page.getByLabel('Your message').fill(second);
    await page.getByRole('button', { name: 'Send' }).click();
    // Once the customer reads the new reference, nothing is left waiting on the device.
    await expect.poll(() => widget().locator('.ref').textContent()).not.toBe(firstReference);
    expect(await formOfMessage(second)).toEqual(['other']);
    expect(posted.at(-1)).toBe(`${scene.ecoute.url}/api/v1/forms/other/messages`);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  });
});
