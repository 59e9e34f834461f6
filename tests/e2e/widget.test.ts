// The embeddable widget in Chromium, on a third-party page of another origin: sending, the
// acknowledgement, languages, errors, outages and reloads, and a hostile host page.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app.ts';
import { hasBrowser, launchBrowser } from '../support/browser.ts';
import { startHostPage, type HostPage } from '../support/host-page.ts';

describe.skipIf(!hasBrowser)('the <ecoute-form> widget', () => {
  let ecoute: RunningApp;
  let host: HostPage;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [ecoute, host, browser] = await Promise.all([startApp(), startHostPage(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await ecoute?.close();
  });
  afterEach(async () => {
    await context?.close();
  });

  const embed = (attributes = 'form="demo"', head = '', lang = 'en') =>
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Shop</title>${head}</head>
<body><h1>A shop</h1><script src="${ecoute.url}/embed.js" async></script><ecoute-form ${attributes}></ecoute-form></body></html>`;

  async function open(path: string, html: string, headers?: Record<string, string>) {
    host.page(path, html, headers);
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${host.url}${path}`);
    await page.locator('ecoute-form textarea').waitFor();
  }

  /** Ecoute unreachable: everything the page asks of it fails but the widget's script (its cached copy, as it were). */
  const cutOff = () =>
    page.route(`${ecoute.url}/**`, (route) =>
      route.request().resourceType() === 'script' ? route.continue() : route.abort('internetdisconnected'),
    );

  /** The idempotency keys of the messages the widget tried to post, one per attempt. */
  const postAttempts = () => {
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') keys.push(request.headers()['idempotency-key'] ?? '');
    });
    return keys;
  };

  const messagesWithBody = async (body: string) =>
    (await ecoute.app.db.execute(sql`select id, status from messages where body = ${body}`)).rows as Array<{
      id: string;
      status: string;
    }>;

  it('sends a message and shows the acknowledgement, reference and tracking link', async () => {
    await open('/send', embed());
    await page.getByLabel('Your message').fill('The checkout button does nothing on my phone.');
    await page.getByLabel('Your name (optional)').fill('Noor');
    await page.getByLabel('Your email (optional)').fill('noor@example.org');
    await page.waitForTimeout(1_600); // a person's pace: faster fills are quarantined as spam
    await page.getByRole('button', { name: 'Send' }).click();

    const ack = page.locator('ecoute-form .ack');
    await expect.poll(() => ack.textContent()).toMatch(/^Hello Noor, thank you for your message/);
    const reference = await page.locator('ecoute-form .ref').textContent();
    expect(reference).toMatch(/^EC-[2-9A-Z]{5}$/);
    const link = page.locator('ecoute-form a.link');
    expect(await link.getAttribute('rel')).toBe('noopener');
    const trackingUrl = (await link.getAttribute('href'))!;
    expect(trackingUrl).toMatch(new RegExp(`^${ecoute.url}/t/`));
    // Focus moves to the acknowledgement, so screen readers read it, and the live region says it was sent.
    expect(await page.evaluate(() => document.querySelector('ecoute-form')!.shadowRoot!.activeElement?.className)).toBe(
      'ack',
    );
    expect(await page.locator('ecoute-form .status').textContent()).toBe('Your message has been sent.');

    const view = await fetch(`${ecoute.url}/api/v1/tracking/${trackingUrl.split('/').pop()}`).then((r) => r.json());
    expect(view).toMatchObject({
      reference,
      message: { body: 'The checkout button does nothing on my phone.', name: 'Noor' },
    });
    expect(await messagesWithBody('The checkout button does nothing on my phone.')).toEqual([
      { id: expect.any(String), status: 'unanswered' },
    ]);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);

    await page.getByRole('button', { name: 'Write another message' }).click();
    expect(await page.getByLabel('Your message').inputValue()).toBe('');
    expect(await page.locator('ecoute-form .status').textContent()).toBe('');
    expect(await page.getByLabel('Your message').isEditable()).toBe(true);
  });

  it('speaks French from the page’s language, with labelled fields and a live status', async () => {
    await open('/fr', embed('form="demo"', '', 'fr'));
    for (const label of ['Votre message', 'Votre nom (facultatif)', 'Votre e-mail (facultatif)']) {
      expect(await page.getByLabel(label).count()).toBe(1);
    }
    expect(await page.locator('ecoute-form #email-hint').textContent()).toBe(
      'Seulement pour vous envoyer notre réponse.',
    );
    expect(await page.locator('ecoute-form .status').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('ecoute-form form').getAttribute('lang')).toBe('fr');
    await page.getByLabel('Votre message').fill('Bonjour, je ne trouve pas ma facture.');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await expect
      .poll(() => page.locator('ecoute-form .ack').textContent())
      .toMatch(/^Bonjour, merci pour votre message/);
    expect(await page.locator('ecoute-form .ref-label').textContent()).toBe('Référence :');
  });

  it('an explicit lang attribute wins over the page’s', async () => {
    await open('/attr', embed('form="demo" lang="fr"'));
    expect(await page.getByLabel('Votre message').count()).toBe(1);
  });

  it('reads the language by its primary subtag: fr-CA is French, Frisian is not', async () => {
    await open('/fr-ca', embed('form="demo"', '', 'fr-CA'));
    expect(await page.getByLabel('Votre message').count()).toBe(1);
    await context.close();
    await open('/fry', embed('form="demo"', '', 'fry'));
    expect(await page.getByLabel('Your message').count()).toBe(1);
    // Its words are in English on a Frisian page: screen readers must read them as English.
    for (const part of ['form', '.done', '.status']) {
      expect(await page.locator(`ecoute-form ${part}`).getAttribute('lang')).toBe('en');
    }
  });

  it('shows field problems from the server, keeps the text and forgets the attempt', async () => {
    await open('/invalid', embed());
    await page.route(`${ecoute.url}/api/**`, (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': '*' },
        body: JSON.stringify({
          error: { code: 'invalid_request', message: 'Invalid', fields: { email: 'must match format "email"' } },
        }),
      }),
    );
    await page.getByLabel('Your message').fill('Keep me');
    await page.getByLabel('Your email (optional)').fill('a@b.c');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.locator('ecoute-form #email-err').textContent())
      .toBe('This email address is not valid.');
    expect(await page.getByLabel('Your email (optional)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('ecoute-form .status').getAttribute('role')).toBe('alert');
    expect(await page.getByLabel('Your message').inputValue()).toBe('Keep me');
    expect(await page.locator('ecoute-form .done').isHidden()).toBe(true);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.endsWith(':pending')))).toEqual([]);
  });

  it('keeps a draft that was never sent across a reload', async () => {
    await open('/draft', embed());
    await page.getByLabel('Your message').fill('Half-written thoughts');
    await page.getByLabel('Your name (optional)').fill('Ida');
    await page.reload();
    await page.locator('ecoute-form textarea').waitFor();
    expect(await page.getByLabel('Your message').inputValue()).toBe('Half-written thoughts');
    expect(await page.getByLabel('Your name (optional)').inputValue()).toBe('Ida');
  });

  it('is usable with the keyboard alone, skipping the honeypot', async () => {
    await open('/keyboard', embed());
    await page.locator('h1').click();
    const focused = () =>
      page.evaluate(() => {
        const active = document.querySelector('ecoute-form')!.shadowRoot!.activeElement as HTMLInputElement | null;
        return active?.name || active?.tagName;
      });
    const order = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    expect(order).toEqual(['body', 'name', 'email', 'BUTTON']);
    await page.getByLabel('Your message').focus();
    await page.keyboard.type('Typed with the keyboard');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('ecoute-form .ref').textContent()).toMatch(/^EC-/);
  });

  it('refuses an empty message without calling the server', async () => {
    await open('/empty', embed());
    let calls = 0;
    await page.route(`${ecoute.url}/api/**`, (route) => (calls++, route.continue()));
    await page.getByLabel('Your message').fill('   ');
    await page.getByRole('button', { name: 'Send' }).click();
    expect(await page.locator('ecoute-form #body-err').textContent()).toBe('Please write your message.');
    expect(calls).toBe(0);
  });

  it('keeps a message through an outage and a reload, then sends it exactly once', async () => {
    const body = `Sent during an outage ${Date.now()}`;
    await open('/outage', embed());
    await cutOff();
    await page.getByLabel('Your message').fill(body);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('ecoute-form .status').textContent()).toMatch(/saved on this device/);
    expect(await page.locator('ecoute-form .done').isHidden()).toBe(true);
    const pendingKey = await page.evaluate(() => Object.keys(localStorage).find((key) => key.endsWith(':pending')));
    expect(pendingKey).toBeTruthy();

    // The customer reloads while Ecoute is still unreachable: the message is still there.
    await page.reload();
    await page.locator('ecoute-form textarea').waitFor();
    expect(await page.getByLabel('Your message').inputValue()).toBe(body);
    await expect.poll(() => page.locator('ecoute-form .status').textContent()).toMatch(/saved on this device/);
    expect(await messagesWithBody(body)).toEqual([]);

    // Ecoute is back and the browser says so: it is sent.
    await page.unrouteAll();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => page.locator('ecoute-form .ref').textContent(), { timeout: 10_000 }).toMatch(/^EC-/);
    expect(await messagesWithBody(body)).toHaveLength(1);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  });

  it('a lost answer is retried with the same key: still one message', async () => {
    const body = `Answer lost on the way back ${Date.now()}`;
    await open('/lost', embed());
    let first = true;
    await page.route(`${ecoute.url}/api/**`, async (route) => {
      if (route.request().method() !== 'POST' || !first) return route.continue();
      first = false;
      await route.fetch(); // the server stores it…
      await route.abort('connectionreset'); // …but the browser never hears back
    });
    await page.getByLabel('Your message').fill(body);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('ecoute-form .ref').textContent(), { timeout: 15_000 }).toMatch(/^EC-/);
    expect(await messagesWithBody(body)).toHaveLength(1);
  });

  it('never shows success for a 503 or a 429: it waits and tries again', async () => {
    const body = `Busy server ${Date.now()}`;
    await open('/busy', embed());
    const answers: Array<{ status: number; body: string; headers: Record<string, string> }> = [
      { status: 503, body: '{"error":{"code":"internal_error","message":"down"}}', headers: {} },
      { status: 429, body: '{"error":{"code":"rate_limited","message":"slow down"}}', headers: { 'retry-after': '1' } },
      { status: 201, body: 'not json at all', headers: {} },
    ];
    const seen: number[] = [];
    await page.route(`${ecoute.url}/api/**`, async (route) => {
      const answer = answers.shift();
      if (!answer) return route.continue();
      seen.push(answer.status);
      await route.fulfill({
        status: answer.status,
        contentType: 'application/json',
        headers: {
          'access-control-allow-origin': '*',
          'access-control-expose-headers': 'retry-after',
          ...answer.headers,
        },
        body: answer.body,
      });
    });
    await page.getByLabel('Your message').fill(body);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('ecoute-form .status').textContent()).toMatch(/saved on this device/);
    expect(await page.locator('ecoute-form .done').isHidden()).toBe(true);
    await expect.poll(() => page.locator('ecoute-form .ref').textContent(), { timeout: 20_000 }).toMatch(/^EC-/);
    expect(seen).toEqual([503, 429, 201]);
    expect(await messagesWithBody(body)).toHaveLength(1);
  });

  it('survives a hostile host page: its CSS cannot hide or restyle the form, and it adds no globals', async () => {
    const hostile = `<style>
      textarea, input, button, label, form, p { display: none !important; opacity: 0 !important; }
      * { font-size: 2px !important; color: transparent !important; background: black !important; }
      ecoute-form { visibility: hidden !important; opacity: 0 !important; font-size: 1px !important; }
    </style>`;
    host.page('/hostile', embed('form="demo" accent="#c2410c"', hostile).replace(/<script[^>]*><\/script>/, ''));
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${host.url}/hostile`);
    const before = await page.evaluate(() => Object.keys(window));
    await page.evaluate((src) => {
      const script = document.createElement('script');
      script.src = src;
      document.body.append(script);
    }, `${ecoute.url}/embed.js`);
    await page.evaluate(() => customElements.whenDefined('ecoute-form'));
    expect(await page.evaluate(() => Object.keys(window))).toEqual(before);

    const textarea = page.getByLabel('Your message');
    expect(await textarea.isVisible()).toBe(true);
    const style = await textarea.evaluate((element) => {
      const computed = getComputedStyle(element);
      return { fontSize: computed.fontSize, color: computed.color, opacity: computed.opacity };
    });
    expect(style).toEqual({ fontSize: '16px', color: 'rgb(29, 29, 36)', opacity: '1' });
    const button = page.getByRole('button', { name: 'Send' });
    expect(await button.isVisible()).toBe(true);
    expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(194, 65, 12)');
    // The widget does not touch the page around it.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontSize)).toBe('2px');

    await textarea.fill('Still usable on a hostile page');
    await button.click();
    await expect.poll(() => page.locator('ecoute-form .ref').textContent()).toMatch(/^EC-/);
  });

  it('works on a host page whose CSP forbids inline styles', async () => {
    const csp = `default-src 'none'; script-src ${ecoute.url}; connect-src ${ecoute.url}; style-src 'self'`;
    const violations: string[] = [];
    host.page('/csp', embed(), { 'content-security-policy': csp });
    context = await browser.newContext();
    page = await context.newPage();
    page.on('console', (message) => message.type() === 'error' && violations.push(message.text()));
    await page.goto(`${host.url}/csp`);
    await page.locator('ecoute-form textarea').waitFor();
    const button = page.getByRole('button', { name: 'Send' });
    expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(59, 91, 219)');
    await page.getByLabel('Your message').fill('Sent from a strict page');
    await button.click();
    await expect.poll(() => page.locator('ecoute-form .ref').textContent()).toMatch(/^EC-/);
    expect(violations).toEqual([]);
  });

  it('says when the form does not accept this website: no retry, nothing stored, the text stays', async () => {
    const { forms } = await import('../../server/src/db/schema/index.ts');
    await ecoute.app.db
      .insert(forms)
      .values({ key: 'closed-shop', name: 'Closed', allowedOrigins: ['https://shop.example'] });
    await open('/refused', embed('form="closed-shop"'));
    const attempts = postAttempts();
    await page.getByLabel('Your message').fill('Nobody will get this');
    await page.getByRole('button', { name: 'Send' }).click();
    // The preflight fails, which looks like a network failure; but Ecoute answers, so it is a refusal.
    const status = page.locator('ecoute-form .status');
    await expect
      .poll(() => status.textContent())
      .toBe(
        'This form does not accept messages from this website. Your text is still here: copy it to send it another way.',
      );
    expect(await status.getAttribute('role')).toBe('alert');
    const textarea = page.getByLabel('Your message');
    expect(await textarea.inputValue()).toBe('Nobody will get this');
    expect(await textarea.evaluate((element: HTMLTextAreaElement) => element.readOnly)).toBe(false);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.endsWith(':pending')))).toEqual([]);

    // Nothing is tried again, neither later nor when the browser comes back online.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForTimeout(3_000); // longer than the first retry's back-off
    expect(attempts).toHaveLength(1);
    expect(await status.textContent()).toMatch(/^This form does not accept/);
    expect(await messagesWithBody('Nobody will get this')).toEqual([]);
  });

  it('says so in the customer’s language for a form that does not exist', async () => {
    await open('/unknown-form', embed('form="no-such-form"', '', 'fr'));
    await page.getByLabel('Votre message').fill('Perdu ?');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await expect
      .poll(() => page.locator('ecoute-form .status').textContent())
      .toBe(
        'Ce formulaire n’accepte pas les messages de ce site. Votre texte est toujours là : copiez-le pour l’envoyer autrement.',
      );
    expect(await page.getByLabel('Votre message').inputValue()).toBe('Perdu ?');
  });

  it('keeps retrying after the page moves the form, as SPAs do, and sends the message once', async () => {
    const body = `Queued, then moved ${Date.now()}`;
    await open('/moved', embed());
    const attempts = postAttempts();
    await cutOff();
    await page.getByLabel('Your message').fill(body);
    await page.getByRole('button', { name: 'Send' }).click();
    const status = page.locator('ecoute-form .status');
    await expect.poll(() => status.textContent()).toMatch(/saved on this device/);

    await page.evaluate(() => {
      const elsewhere = document.createElement('div');
      document.body.prepend(elsewhere);
      elsewhere.append(document.querySelector('ecoute-form')!);
    });
    // What was shown is still there…
    expect(await page.getByLabel('Your message').inputValue()).toBe(body);
    expect(await status.textContent()).toMatch(/saved on this device/);
    // …and the browser coming back online still triggers an attempt.
    const before = attempts.length;
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => attempts.length).toBeGreaterThan(before);
    await expect.poll(() => status.textContent()).toMatch(/saved on this device/);

    // Ecoute is back: the next scheduled retry sends it.
    await page.unrouteAll();
    await expect.poll(() => page.locator('ecoute-form .ref').textContent(), { timeout: 15_000 }).toMatch(/^EC-/);
    expect(await messagesWithBody(body)).toHaveLength(1);
    expect(new Set(attempts).size).toBe(1);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  });

  it('behind a proxy answering 502 without CORS headers, keeps the message and sends it once Ecoute is back', async () => {
    // A real proxy: Playwright's route.fulfill adds CORS headers to cross-origin answers by itself.
    let failing = true;
    const proxy = createServer((request, response) => {
      if (failing) return void response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>502 Bad Gateway</h1>');
      const upstream = httpRequest(
        `${ecoute.url}${request.url}`,
        { method: request.method, headers: request.headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      request.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const body = `Behind a failing proxy ${Date.now()}`;
      const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      await open('/proxy', embed(`form="demo" endpoint="${proxyUrl}"`));
      const attempts = postAttempts();
      await page.getByLabel('Your message').fill(body);
      await page.getByRole('button', { name: 'Send' }).click();
      const status = page.locator('ecoute-form .status');
      await expect.poll(() => status.textContent()).toMatch(/saved on this device/);
      await page.waitForTimeout(500); // the refusal check has had its answers
      expect(await status.textContent()).toMatch(/saved on this device/);
      expect(await page.evaluate(() => Object.keys(localStorage).some((key) => key.endsWith(':pending')))).toBe(true);

      failing = false;
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await expect.poll(() => page.locator('ecoute-form .ref').textContent(), { timeout: 10_000 }).toMatch(/^EC-/);
      expect(await messagesWithBody(body)).toHaveLength(1);
      expect(new Set(attempts).size).toBe(1);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('when the page cannot store anything, does not claim it is saved, and still sends it while the page is open', async () => {
    const body = `Storage refused ${Date.now()}`;
    const noStorage = `<script>Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };</script>`;
    await open('/no-storage', embed('form="demo"', noStorage));
    const attempts = postAttempts();
    await cutOff();
    await page.getByLabel('Your message').fill(body);
    await page.getByRole('button', { name: 'Send' }).click();
    const status = page.locator('ecoute-form .status');
    await expect
      .poll(() => status.textContent())
      .toBe(
        'Your message could not be sent yet. It will be sent automatically as soon as we can be reached, if this page stays open.',
      );
    expect(await page.getByLabel('Your message').inputValue()).toBe(body);

    await page.unrouteAll();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => page.locator('ecoute-form .ref').textContent(), { timeout: 10_000 }).toMatch(/^EC-/);
    expect(await messagesWithBody(body)).toHaveLength(1);
    expect(new Set(attempts).size).toBe(1);
  });

  it('gives up on a request that hangs, queues the message and sends it once', async () => {
    const body = `Hung request ${Date.now()}`;
    // The widget's 20 s request timeout, shortened through the platform rather than a widget option.
    const shortTimeouts = `<script>{ const timeout = AbortSignal.timeout;
      AbortSignal.timeout = (ms) => timeout.call(AbortSignal, Math.min(ms, 1_000)); }</script>`;
    await open('/hung', embed('form="demo"', shortTimeouts));
    const attempts = postAttempts();
    let hung = false;
    await page.route(`${ecoute.url}/api/**`, async (route) => {
      if (route.request().method() !== 'POST' || hung) return route.continue();
      hung = true; // never answered
    });
    await page.getByLabel('Your message').fill(body);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.locator('ecoute-form .status').textContent(), { timeout: 5_000 })
      .toMatch(/saved on this device/);
    await expect.poll(() => page.locator('ecoute-form .ref').textContent(), { timeout: 10_000 }).toMatch(/^EC-/);
    expect(await messagesWithBody(body)).toHaveLength(1);
    expect(attempts.length).toBeGreaterThan(1);
    expect(new Set(attempts).size).toBe(1);
  });

  it('times filling from when the form is shown: a pasted text sent at once is not spam', async () => {
    const first = `Pasted right away ${Date.now()}`;
    await open('/paste', embed());
    await page.waitForTimeout(2_000); // reading the page, preparing the text
    await page.getByLabel('Your message').fill(first);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('ecoute-form .ref').textContent()).toMatch(/^EC-/);
    expect(await messagesWithBody(first)).toEqual([{ id: expect.any(String), status: 'unanswered' }]);

    // The same for the fresh form "Write another message" shows.
    const second = `Pasted again ${Date.now()}`;
    await page.getByRole('button', { name: 'Write another message' }).click();
    await page.waitForTimeout(2_000);
    await page.getByLabel('Your message').fill(second);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(async () => (await messagesWithBody(second)).map((message) => message.status))
      .toEqual(['unanswered']);
  });

  it('keeps its accent whatever custom properties the host page sets', async () => {
    const hostile = `<style>* { --a: transparent; --ecoute-accent: transparent; --ecoute-widget-accent: transparent !important; }</style>`;
    const html = embed('form="demo"', hostile).replace(
      '</body>',
      '<ecoute-form form="other" accent="#c2410c"></ecoute-form></body>',
    );
    host.page('/custom-properties', html);
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${host.url}/custom-properties`);
    await page.evaluate(() => customElements.whenDefined('ecoute-form'));
    const background = (index: number) =>
      page
        .locator('ecoute-form')
        .nth(index)
        .getByRole('button', { name: 'Send' })
        .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(await background(0)).toBe('rgb(59, 91, 219)');
    expect(await background(1)).toBe('rgb(194, 65, 12)');
    await page
      .locator('ecoute-form')
      .nth(1)
      .evaluate((element) => element.setAttribute('accent', 'green'));
    expect(await background(1)).toBe('rgb(0, 128, 0)');
  });

  it('sends a page address the server accepts, whatever the path, and none rather than a cut one', async () => {
    const cases: Array<[path: string, pageUrl: string | null]> = [
      ['/br[1]/index.html', '/br%5B1%5D/index.html'],
      ['/pct/100%.html', '/pct/100%25.html'],
      // What RFC 3986 allows is sent as it is. (Firefox also leaves | and ^ as they are; Chromium does not.)
      ["/kept/%C3%A9t%C3%A9/!$&'()*+,;=:@~", "/kept/%C3%A9t%C3%A9/!$&'()*+,;=:@~"],
      // "é" 400 times: 2,400 characters once encoded, over the 2,048 the server takes.
      [`/long/${'%C3%A9'.repeat(400)}`, null],
    ];
    for (const [path, pageUrl] of cases) {
      const body = `Written on ${path.slice(0, 16)} ${Date.now()}`;
      await open(path, embed());
      await page.getByLabel('Your message').fill(body);
      await page.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => page.locator('ecoute-form .ref').textContent()).toMatch(/^EC-/);
      const { rows } = await ecoute.app.db.execute(sql`select page_url from messages where body = ${body}`);
      expect(rows).toEqual([{ page_url: pageUrl && host.url + pageUrl }]);
      await context.close();
    }
  });
});
