// Tracking: the private page and its JSON twin, and the customer writing again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
