// The hosted form /f/{key}: plain HTML, a POST, then a 303 to the tracking page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startApp, type RunningApp } from '../support/app.ts';
import { postForm } from '../support/http.ts';

describe('hosted form', () => {
  let ecoute: RunningApp;
  beforeAll(async () => {
    ecoute = await startApp();
  });
  afterAll(() => ecoute.close());

  it('serves an accessible form in the browser’s language', async () => {
    const res = await fetch(`${ecoute.url}/f/demo`, { headers: { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<html lang="fr">');
    for (const field of ['body', 'name', 'email']) expect(page).toContain(`<label for="${field}">`);
    expect(page).toContain('Seulement pour vous envoyer notre réponse.');
    expect(page).not.toContain('<script');
    const english = await fetch(`${ecoute.url}/f/demo?lang=en`).then((r) => r.text());
    expect(english).toContain('<html lang="en">');
  });

  it('answers 404 for an unknown form', async () => {
    const res = await fetch(`${ecoute.url}/f/unknown-form`);
    expect(res.status).toBe(404);
    expect((await postForm(`${ecoute.url}/f/unknown-form`, { body: 'hello' })).status).toBe(404);
  });

  it('posts without JavaScript and redirects to the tracking page', async () => {
    const res = await postForm(`${ecoute.url}/f/demo`, {
      body: 'I would like an invoice for my order.',
      name: 'Sam',
      email: '',
      locale: 'en',
      renderedAt: String(Date.now() - 30_000),
      website: '',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/t\/[A-Za-z0-9_-]{43}$/);
    const page = await fetch(`${ecoute.url}${location}`).then((r) => r.text());
    expect(page).toContain('I would like an invoice for my order.');
    expect(page).toContain('Hello Sam,');
  });

  it('re-renders invalid input with everything typed kept, escaped', async () => {
    const res = await postForm(`${ecoute.url}/f/demo`, {
      body: 'My <em>words</em> stay',
      name: 'Al "Q"',
      email: 'not an email',
      locale: 'en',
    });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('My &lt;em&gt;words&lt;/em&gt; stay</textarea>');
    expect(page).toContain('value="Al &quot;Q&quot;"');
    expect(page).toContain('value="not an email"');
    expect(page).toContain('This email address is not valid.');
    expect(page).toContain('aria-invalid="true"');
  });

  it('keeps the first rendering’s time when it renders the form again: a quick correction is not a bot', async () => {
    const renderedAt = String(Date.now() - 60_000);
    const page = await postForm(`${ecoute.url}/f/demo`, { body: 'Quick fix', email: 'oops', renderedAt });
    expect(await page.text()).toContain(`name="renderedAt" value="${renderedAt}"`);
    const fixed = await postForm(`${ecoute.url}/f/demo`, { body: 'Quick fix', email: 'ok@example.org', renderedAt });
    expect(fixed.status).toBe(303);
    const rows = await ecoute.app.db.execute(sql`select status from messages where body = 'Quick fix'`);
    expect(rows.rows).toEqual([{ status: 'unanswered' }]);
  });

  it('takes the same page sent twice (a double click, a retry) as one message; other words as another', async () => {
    const page = await fetch(`${ecoute.url}/f/demo?lang=en`).then((r) => r.text());
    const submissionKey = /name="submissionKey" value="([^"]+)"/.exec(page)![1]!;
    expect(submissionKey.length).toBeGreaterThanOrEqual(22);
    const fields = { body: 'Sent twice by accident', renderedAt: String(Date.now() - 20_000), submissionKey };
    const first = await postForm(`${ecoute.url}/f/demo`, fields);
    const second = await postForm(`${ecoute.url}/f/demo`, fields);
    expect(first.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const edited = await postForm(`${ecoute.url}/f/demo`, { ...fields, body: 'Sent twice, then edited' });
    expect(edited.status).toBe(303);
    expect(edited.headers.get('location')).not.toBe(first.headers.get('location'));
    const rows = await ecoute.app.db.execute(
      sql`select count(*)::int as n from messages where body like 'Sent twice%'`,
    );
    expect(rows.rows[0]).toEqual({ n: 2 });
    // A page rendered again keeps its key, so that sending it after a correction is still one message.
    const again = await postForm(`${ecoute.url}/f/demo`, { ...fields, email: 'nope' });
    expect(await again.text()).toContain(`name="submissionKey" value="${submissionKey}"`);
  });

  it('quarantines a form filled faster than a person can', async () => {
    const res = await postForm(`${ecoute.url}/f/demo`, { body: 'fast', renderedAt: String(Date.now()) });
    expect(res.status).toBe(303);
    const rows = await ecoute.app.db.execute(sql`select status, spam_signals from messages where body = 'fast'`);
    expect(rows.rows[0]).toEqual({ status: 'spam', spam_signals: ['too_fast'] });
  });
});
