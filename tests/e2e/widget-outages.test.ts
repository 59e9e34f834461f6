// The widget behind a real reverse proxy that keeps serving /embed.js while the API fails in the
// ways production outages do: the message typed meanwhile is kept, with its idempotency key, and
// sent exactly once when Ecoute is back, after a reload too. Only Ecoute's own refusal stops it.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { forms } from '../../server/src/db/schema/index.ts';
import { hasBrowser } from '../support/browser.ts';
import type { Failure } from '../support/failing-proxy.ts';
import { widgetScene } from '../support/widget-scene.ts';

describe.skipIf(!hasBrowser)('the widget behind a failing reverse proxy', () => {
  const scene = widgetScene();
  let page: Page;

  beforeAll(async () => {
    await scene.ecoute.app.db
      .insert(forms)
      .values({ key: 'shop-only', name: 'Shop', allowedOrigins: ['https://shop.example'] });
  });

  // The script comes through the proxy, so the widget talks to Ecoute through it too. Requests time
  // out after 1 s instead of 20 (through the platform, not a widget option), for the hanging proxy.
  const embed = (form = 'demo') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script>{ const timeout = AbortSignal.timeout; AbortSignal.timeout = (ms) => timeout.call(AbortSignal, Math.min(ms, 1_000)); }</script>
</head><body><script src="${scene.proxy.url}/embed.js" async></script><ecoute-form form="${form}"></ecoute-form></body></html>`;

  /** Opens the page, and records what the widget posts: each attempt's idempotency key and time. */
  async function open(path: string, form?: string) {
    page = await scene.open(path, embed(form));
    const posts: Array<{ key: string; at: number }> = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push({ key: request.headers()['idempotency-key'] ?? '', at: Date.now() });
    });
    await page.locator('ecoute-form textarea').waitFor();
    return posts;
  }

  const status = () => page.locator('ecoute-form .status').textContent();
  const pendingSlots = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.endsWith(':pending')));
  const messagesWithBody = async (body: string) =>
    (await scene.ecoute.app.db.execute(sql`select id from messages where body = ${body}`)).rows;

  async function send(body: string) {
    await page.getByLabel('Your message').fill(body);
    await page.getByRole('button', { name: 'Send' }).click();
  }

  it('keeps a message typed while the API answers 502 without CORS, through reloads, and sends it once on recovery', async () => {
    const body = `Typed during a 502 ${Date.now()}`;
    const posts = await open('/bad-gateway-reload');
    await scene.proxy.fail('bad-gateway');
    await send(body);
    await expect.poll(status).toMatch(/saved on this device/);
    // The customer reloads during the outage: the script still comes, the message is still there.
    await page.reload();
    await page.locator('ecoute-form textarea').waitFor();
    expect(await page.getByLabel('Your message').inputValue()).toBe(body);
    await expect.poll(() => posts.length).toBeGreaterThanOrEqual(2);
    await expect.poll(status).toMatch(/saved on this device/);
    expect(await pendingSlots()).toHaveLength(1);
    expect(await messagesWithBody(body)).toEqual([]);

    // Ecoute is back; the customer reloads again: the message goes at once, and only once.
    await scene.proxy.recover();
    await page.reload();
    await expect.poll(() => page.locator('ecoute-form .ref').textContent(), { timeout: 15_000 }).toMatch(/^EC-/);
    expect(await messagesWithBody(body)).toHaveLength(1);
    expect(new Set(posts.map((post) => post.key)).size).toBe(1);
    expect(await pendingSlots()).toEqual([]);
  });

  it.each<Failure>(['bad-gateway', 'reset', 'refused', 'hang', 'rate-limited', 'garbage'])(
    'a %s outage never ends the retries: the message is sent once Ecoute answers again',
    async (failure) => {
      const body = `Outage of kind ${failure} ${Date.now()}`;
      const posts = await open(`/outage-${failure}`);
      await scene.proxy.fail(failure);
      await send(body);
      await expect.poll(status, { timeout: 5_000 }).toMatch(/saved on this device/);
      // It keeps trying, with backoff, and says nothing else meanwhile.
      await expect.poll(() => posts.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      await expect.poll(status).toMatch(/saved on this device/);
      expect(await page.getByLabel('Your message').inputValue()).toBe(body);
      expect(await pendingSlots()).toHaveLength(1);
      expect(await messagesWithBody(body)).toEqual([]);
      // Retry-After is honoured: the second attempt waits the 3 seconds asked, more than the first backoff.
      if (failure === 'rate-limited') expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(2_900);

      await scene.proxy.recover();
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await expect.poll(() => page.locator('ecoute-form .ref').textContent(), { timeout: 15_000 }).toMatch(/^EC-/);
      expect(await messagesWithBody(body)).toHaveLength(1);
      expect(new Set(posts.map((post) => post.key)).size).toBe(1);
      expect(await pendingSlots()).toEqual([]);
    },
  );

  it.each([
    ['a form that does not allow this website', 'shop-only', 'origin_not_allowed'],
    ['a form that does not exist', 'no-such-form', 'form_not_found'],
  ])('stops at Ecoute’s explicit refusal: %s', async (_what, form, code) => {
    const body = `Refused through the proxy ${Date.now()}`;
    const posts = await open(`/refused-${form}`, form);
    await page.evaluate(() => {
      document.addEventListener('ecoute-refused', (event) => ((window as any).refusal = event.detail));
    });
    await send(body);
    await expect
      .poll(status)
      .toBe(
        'This form does not accept messages from this website. Your text is still here: copy it to send it another way.',
      );
    expect(await page.locator('ecoute-form .status').getAttribute('role')).toBe('alert');
    expect(await page.evaluate(() => (window as any).refusal)).toEqual({ status: 0, code });
    const textarea = page.getByLabel('Your message');
    expect(await textarea.inputValue()).toBe(body);
    expect(await textarea.evaluate((element: HTMLTextAreaElement) => element.readOnly)).toBe(false);
    expect(await pendingSlots()).toEqual([]);
    // Nothing is tried again, neither later nor when the browser comes back online, nor after a reload.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForTimeout(3_000); // longer than the first retry's backoff
    await page.reload();
    await page.locator('ecoute-form textarea').waitFor();
    await page.waitForTimeout(500);
    expect(posts).toHaveLength(1);
    expect(await messagesWithBody(body)).toEqual([]);
  });
});
