// Tracking: the private page and its JSON twin, and the customer writing again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/src/limits.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { postForm, postJson, tokenOf } from '../support/http.ts';

describe.each(databaseKinds)('tracking on %s', (kind) => {
  let ecoute: RunningApp;
  let token: string;
  beforeAll(async () => {
    ecoute = await startApp(kind);
    const res = await postJson(`${ecoute.url}/api/v1/forms/demo/messages`, {
      body: 'Le bouton <b>Payer</b> ne marche pas & je suis bloqué. <script>alert("x")</script>',
      name: 'Zoé "la cliente" <img src=x>',
      locale: 'fr',
    });
    token = tokenOf(res.json.trackingUrl);
  });
  afterAll(() => ecoute.close());

  it('serves a private, unindexed page with a strict CSP that shows the customer’s words escaped', async () => {
    const res = await fetch(`${ecoute.url}/t/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const page = await res.text();
    expect(page).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Le bouton &lt;b&gt;Payer&lt;/b&gt; ne marche pas &amp; je suis bloqué.');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img src=x>');
    expect(page).toContain('Bonjour Zoé &quot;la cliente&quot; &lt;img src=x&gt;,');
  });

  it('has a JSON twin with the whole public timeline', async () => {
    const res = await fetch(`${ecoute.url}/api/v1/tracking/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const view = await res.json();
    expect(view).toMatchObject({ status: 'unanswered', locale: 'fr', formName: 'Demo' });
    expect(view.message.name).toBe('Zoé "la cliente" <img src=x>');
    expect(view.timeline).toHaveLength(1);
    expect(view.timeline[0].text).toMatch(/^Bonjour Zoé/);
    expect(view.timeline[0].text).not.toContain('/t/');
  });

  it('answers 404 for unknown, malformed and overlong tokens', async () => {
    for (const bad of ['x'.repeat(43), 'short', '%00', 'a'.repeat(300)]) {
      const json = await fetch(`${ecoute.url}/api/v1/tracking/${bad}`);
      expect(json.status).toBe(404);
      expect((await json.json()).error.code).toBeTruthy();
    }
    const page = await fetch(`${ecoute.url}/t/${'y'.repeat(43)}`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    const unknown = await fetch(`${ecoute.url}/api/v1/tracking/${'z'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
  });

  it('lets the customer write again through the API; the words join the timeline', async () => {
    const res = await postJson(`${ecoute.url}/api/v1/tracking/${token}/messages`, {
      body: 'Une précision : c’est sur mobile.',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      type: 'customer_message',
      author: 'customer',
      text: 'Une précision : c’est sur mobile.',
    });
    const view = await fetch(`${ecoute.url}/api/v1/tracking/${token}`).then((r) => r.json());
    expect(view.timeline.map((event: { type: string }) => event.type)).toEqual(['acknowledged', 'customer_message']);
  });

  it('lets the customer write again with the page’s form, without JavaScript', async () => {
    const res = await postForm(`${ecoute.url}/t/${token}`, { body: 'Et aussi sur ordinateur.' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/t/${token}#event-`));
    const page = await fetch(`${ecoute.url}/t/${token}`).then((r) => r.text());
    expect(page).toContain('Et aussi sur ordinateur.');
  });

  it('refuses bad follow-ups and keeps what was typed', async () => {
    expect((await postJson(`${ecoute.url}/api/v1/tracking/${token}/messages`, { body: '   ' })).status).toBe(400);
    expect((await postJson(`${ecoute.url}/api/v1/tracking/${token}/messages`, {})).json.error.fields).toHaveProperty(
      'body',
    );
    expect(
      (await postJson(`${ecoute.url}/api/v1/tracking/${token}/messages`, { body: 'x'.repeat(10_001) })).status,
    ).toBe(400);
    expect((await postJson(`${ecoute.url}/api/v1/tracking/${'q'.repeat(43)}/messages`, { body: 'hello' })).status).toBe(
      404,
    );
    const tooLong = 'é'.repeat(10_001);
    const page = await postForm(`${ecoute.url}/t/${token}`, { body: tooLong });
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain(tooLong);
    const view = await fetch(`${ecoute.url}/api/v1/tracking/${token}`).then((r) => r.json());
    expect(view.timeline).toHaveLength(3);
  });

  it('answers a request it cannot read with a page in the customer’s language, not JSON', async () => {
    const multipart = await fetch(`${ecoute.url}/t/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'accept-language': 'fr' },
      body: '--x\r\nContent-Disposition: form-data; name="body"\r\n\r\nhello\r\n--x--\r\n',
    });
    expect(multipart.status).toBe(415);
    expect(multipart.headers.get('content-type')).toContain('text/html');
    expect(multipart.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await multipart.text()).toContain('Message illisible');
    const tooLarge = await postForm(`${ecoute.url}/t/${token}`, { body: 'x'.repeat(LIMITS.requestBytes) });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toContain('Message too long');
    const hosted = await postForm(`${ecoute.url}/f/demo`, { body: 'x'.repeat(LIMITS.requestBytes) });
    expect(hosted.status).toBe(413);
    expect(await hosted.text()).toContain('10,000 characters at most');
    for (const path of ['/t/%E0%A4%A', `/f/${'k'.repeat(101)}`, '/f/%00']) {
      const res = await fetch(`${ecoute.url}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: path.startsWith('/t/%E0') ? 400 : 404 });
    }
  });

  it('limits follow-ups per conversation, not counting refused ones, and keeps the words of the one refused', async () => {
    const write = async () =>
      tokenOf(
        (await postJson(`${ecoute.url}/api/v1/forms/demo/messages`, { body: 'Again and again' })).json.trackingUrl,
      );
    const busy = await write();
    const other = await write();
    for (let i = 0; i < 5; i++) expect((await postForm(`${ecoute.url}/t/${busy}`, { body: ' ' })).status).toBe(400);
    const statuses = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await postForm(`${ecoute.url}/t/${busy}`, { body: `Words ${i}` })).status);
    expect(new Set(statuses)).toEqual(new Set([303]));
    const refused = await postForm(`${ecoute.url}/t/${busy}`, { body: 'My important text' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('My important text</textarea>');
    const api = await postJson(`${ecoute.url}/api/v1/tracking/${busy}/messages`, { body: 'Through the API' });
    expect(api.status).toBe(429);
    expect(api.json.error.code).toBe('rate_limited');
    // Another conversation, from the same address, is not held back.
    expect((await postForm(`${ecoute.url}/t/${other}`, { body: 'Hello' })).status).toBe(303);
  });
});
