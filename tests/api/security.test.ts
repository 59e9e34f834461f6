// Origins, CORS, rate limits and the client IP behind a trusted proxy.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forms } from '../../server/src/db/schema/index.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { postForm, postJson } from '../support/http.ts';

describe('origins and CORS', () => {
  let ecoute: RunningApp;
  beforeAll(async () => {
    ecoute = await startApp();
    await ecoute.app.db
      .insert(forms)
      .values({ key: 'shop', name: 'Shop', allowedOrigins: ['https://shop.example'], defaultLocale: 'fr' });
  });
  afterAll(() => ecoute.close());

  const preflight = (formKey: string, origin: string) =>
    fetch(`${ecoute.url}/api/v1/forms/${formKey}/messages`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,idempotency-key',
      },
    });

  it('the demo form accepts any origin', async () => {
    const res = await preflight('demo', 'https://anywhere.example');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://anywhere.example');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const post = await postJson(
      `${ecoute.url}/api/v1/forms/demo/messages`,
      { body: 'hi' },
      { origin: 'https://anywhere.example' },
    );
    expect(post.status).toBe(201);
    expect(post.headers.get('access-control-allow-origin')).toBe('https://anywhere.example');
  });

  it('a restricted form lets its own origins post, and refuses the others', async () => {
    expect((await preflight('shop', 'https://shop.example')).headers.get('access-control-allow-origin')).toBe(
      'https://shop.example',
    );
    expect((await preflight('shop', 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await postJson(
      `${ecoute.url}/api/v1/forms/shop/messages`,
      { body: 'ok' },
      { origin: 'https://shop.example' },
    );
    expect(allowed.status).toBe(201);
    // A "simple" cross-site form post skips the preflight: the server itself must refuse it.
    const refused = await postForm(
      `${ecoute.url}/api/v1/forms/shop/messages`,
      { body: 'spoof' },
      { origin: 'https://evil.example' },
    );
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('origin_not_allowed');
    // Another site's page posting to the hosted form: nothing is stored, and the person gets the form
    // back, filled in, to send from Ecoute's own page.
    const hosted = await postForm(
      `${ecoute.url}/f/shop`,
      { body: 'spoof <b>me</b>' },
      { origin: 'https://evil.example' },
    );
    expect(hosted.status).toBe(403);
    const page = await hosted.text();
    expect(page).toContain('spoof &lt;b&gt;me&lt;/b&gt;</textarea>');
    expect(page).toContain('n’a pas été envoyé');
    const stored = await ecoute.app.db.execute(sql`select count(*)::int as n from messages where body like 'spoof%'`);
    expect(stored.rows[0]).toEqual({ n: 0 });
  });

  it('takes the hosted form’s own posts, which browsers send with Origin: null (our pages send no Referer)', async () => {
    const fields = { body: 'from our own page', renderedAt: String(Date.now() - 10_000) };
    const own = await postForm(`${ecoute.url}/f/shop`, fields, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(303);
    const elsewhere = await postForm(`${ecoute.url}/f/shop`, fields, {
      origin: 'null',
      'sec-fetch-site': 'cross-site',
    });
    expect(elsewhere.status).toBe(403);
  });

  it('answers a preflight for a form key written with percent-escapes as for the key itself', async () => {
    const res = await preflight('sh%6Fp', 'https://shop.example');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect((await preflight('sh%6Fp', 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight('%E0%A4%A', 'https://shop.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('requests without an Origin (servers, curl) and from Ecoute itself are accepted', async () => {
    expect((await postJson(`${ecoute.url}/api/v1/forms/shop/messages`, { body: 'from a server' })).status).toBe(201);
    expect(
      (await postForm(`${ecoute.url}/f/shop`, { body: 'from the hosted form' }, { origin: ecoute.url })).status,
    ).toBe(303);
  });

  it('serves the widget to every site', async () => {
    const res = await fetch(`${ecoute.url}/embed.js`, {
      headers: { origin: 'https://elsewhere.example', 'accept-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });
});

describe('rate limits', () => {
  it('limits each client IP with Retry-After, and every form as a whole', async () => {
    const ecoute = await startApp('pglite', { ECOUTE_SUBMIT_LIMIT_PER_IP: '3', ECOUTE_SUBMIT_LIMIT_PER_FORM: '5' });
    try {
      const url = `${ecoute.url}/api/v1/forms/demo/messages`;
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await postJson(url, { body: `m${i}` })).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
      const limited = await postJson(url, { body: 'again' });
      expect(limited.json.error.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // The hosted form shares the budget and says so in HTML.
      const hosted = await postForm(`${ecoute.url}/f/demo`, { body: 'hosted' });
      expect(hosted.status).toBe(429);
      expect(hosted.headers.get('retry-after')).toBeTruthy();
      expect(await hosted.text()).toContain('hosted</textarea>');
    } finally {
      await ecoute.close();
    }
  });

  it('uses the forwarded client IP only behind a trusted proxy', async () => {
    const trusted = await startApp('pglite', {
      ECOUTE_SUBMIT_LIMIT_PER_IP: '2',
      ECOUTE_SUBMIT_LIMIT_PER_FORM: '100',
      ECOUTE_TRUST_PROXY: '127.0.0.1',
    });
    const untrusted = await startApp('pglite', {
      ECOUTE_SUBMIT_LIMIT_PER_IP: '2',
      ECOUTE_SUBMIT_LIMIT_PER_FORM: '100',
    });
    try {
      const post = (app: RunningApp, ip: string) =>
        postJson(`${app.url}/api/v1/forms/demo/messages`, { body: 'hi' }, { 'x-forwarded-for': ip });
      const trustedStatuses = [];
      for (const ip of ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2']) {
        trustedStatuses.push((await post(trusted, ip)).status);
      }
      expect(trustedStatuses).toEqual([201, 201, 429, 201]);
      const untrustedStatuses = [];
      for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
        untrustedStatuses.push((await post(untrusted, ip)).status);
      expect(untrustedStatuses).toEqual([201, 201, 429]);
    } finally {
      await trusted.close();
      await untrusted.close();
    }
  });
});
