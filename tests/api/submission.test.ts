// The public submission contract over real HTTP, on PGlite and (when configured) PostgreSQL.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { LIMITS } from '../../shared/src/limits.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { postJson, tokenOf } from '../support/http.ts';

describe.each(databaseKinds)('submission on %s', (kind) => {
  let ecoute: RunningApp;
  let submitUrl: string;
  beforeAll(async () => {
    ecoute = await startApp(kind);
    submitUrl = `${ecoute.url}/api/v1/forms/demo/messages`;
  });
  afterAll(() => ecoute.close());

  const countMessages = async () => {
    const result = await ecoute.app.db.execute(sql`select count(*)::int as n from messages`);
    return (result.rows[0] as { n: number }).n;
  };

  it('stores a JSON message and acknowledges it in the customer’s language, by name', async () => {
    const res = await postJson(submitUrl, {
      body: 'Bonjour, mon colis est arrivé abîmé et je voudrais savoir ce que vous pouvez faire.',
      name: 'Marie Curie',
      email: 'marie@example.org',
      pageUrl: 'https://shop.example/commande/42',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      id: expect.any(String),
      reference: expect.stringMatching(/^EC-[2-9A-HJKMNP-Z]{5}$/),
    });
    expect(res.json.trackingUrl).toMatch(new RegExp(`^${ecoute.url}/t/[A-Za-z0-9_-]{43}$`));
    expect(res.json.acknowledgement.text).toContain('Bonjour Marie Curie');
    expect(res.json.acknowledgement.text).toContain(res.json.reference);
    expect(res.json.acknowledgement.text).toContain(res.json.trackingUrl);
    expect(Date.parse(res.json.acknowledgement.at)).not.toBeNaN();

    const tracking = await fetch(`${ecoute.url}/api/v1/tracking/${tokenOf(res.json.trackingUrl)}`).then((r) =>
      r.json(),
    );
    expect(tracking).toMatchObject({ reference: res.json.reference, status: 'unanswered', locale: 'fr' });
    expect(tracking.timeline[0]).toMatchObject({ type: 'acknowledged', author: 'system' });
  });

  it('follows the requested locale, else the form default, and greets without a name', async () => {
    const english = await postJson(submitUrl, { body: 'Merci', locale: 'en-GB' });
    expect(english.json.acknowledgement.text).toMatch(/^Hello, thank you/);
    const unknown = await postJson(submitUrl, { body: '12345 ?', locale: 'de' });
    expect(unknown.json.acknowledgement.text).toMatch(/^Hello,/);
    const french = await postJson(submitUrl, { body: 'ok', locale: 'fr' });
    expect(french.json.acknowledgement.text).toMatch(/^Bonjour, merci/);
  });

  it('accepts urlencoded bodies and treats empty optional fields as absent', async () => {
    const res = await fetch(submitUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ body: 'The app crashes when I open settings.', name: '', email: '' }).toString(),
    });
    expect(res.status).toBe(201);
    const json = await res.json();
    expect(json.acknowledgement.text).toMatch(/^Hello, thank you/);
  });

  it('accepts a message of exactly the maximum length, in any script and however it is encoded', async () => {
    expect((await postJson(submitUrl, { body: 'é'.repeat(LIMITS.body) })).status).toBe(201);
    // 10,000 emoji escaped as JSON clients like Python's json.dumps send them: 120 KB.
    const escaped = JSON.stringify({ body: '😀'.repeat(LIMITS.body), name: '中'.repeat(LIMITS.name) }).replace(
      /[^ -~]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    expect(escaped.length).toBeGreaterThan(120_000);
    expect((await postJson(submitUrl, escaped)).status).toBe(201);
    // The same URL-encoded, as a browser posts the hosted form: 120 KB too.
    const form = await fetch(submitUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ body: '😀'.repeat(LIMITS.body) }).toString(),
    });
    expect(form.status).toBe(201);
  });

  it('takes a textarea’s line breaks (\\r\\n) as one character each, and an email as typed around spaces', async () => {
    const body = `${'a'.repeat(LIMITS.body - 20)}${'\r\n'.repeat(20)}`;
    const res = await postJson(submitUrl, { body, email: '  sam@example.org ' });
    expect(res.status).toBe(201);
    const stored = await ecoute.app.db.execute(
      sql`select body, customer_email from messages where id = ${res.json.id}`,
    );
    expect(stored.rows[0]).toEqual({ body: body.replaceAll('\r\n', '\n'), customer_email: 'sam@example.org' });
  });

  describe('bad input is refused in the contract’s error shape and stores nothing', () => {
    const cases: Array<[string, unknown, string]> = [
      ['missing body', { name: 'Ann' }, 'body'],
      ['empty body', { body: '' }, 'body'],
      ['whitespace-only body', { body: ' \n\t ' }, 'body'],
      ['invisible body (zero-width characters)', { body: '\u200b\u200d\ufeff \u2060' }, 'body'],
      [
        'invisible body (marks, soft hyphen, fillers)',
        { body: '\u200e\u200f\u202a\u00ad\u2800\u3164\u115f\u1160\u180e\u2062\ufe0f\u061c\u{e0020}' },
        'body',
      ],
      ['body too long', { body: 'x'.repeat(LIMITS.body + 1) }, 'body'],
      ['body not a string', { body: 42 }, 'body'],
      ['body as an array', { body: ['a', 'b'] }, 'body'],
      ['name too long', { body: 'hi', name: 'n'.repeat(LIMITS.name + 1) }, 'name'],
      ['invalid email', { body: 'hi', email: 'not-an-email' }, 'email'],
      ['email too long', { body: 'hi', email: `${'a'.repeat(250)}@example.org` }, 'email'],
      ['invalid page URL', { body: 'hi', pageUrl: 'not a url' }, 'pageUrl'],
      ['script page URL', { body: 'hi', pageUrl: 'javascript:alert(1)' }, 'pageUrl'],
      ['name as an object', { body: 'hi', name: { first: 'A' } }, 'name'],
      ['negative fill time', { body: 'hi', fillMs: -5 }, 'fillMs'],
    ];
    it.each(cases)('%s → 400', async (_name, body, field) => {
      const before = await countMessages();
      const res = await postJson(submitUrl, body);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('invalid_request');
      expect(res.json.error.fields).toHaveProperty(field);
      expect(await countMessages()).toBe(before);
    });

    it('malformed JSON → 400 without a stack trace', async () => {
      const res = await postJson(submitUrl, '{"body": "unterminated');
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('invalid_request');
      expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
    });

    it('a JSON value that is not an object → 400, named as the request, not as its `body` field', async () => {
      for (const value of ['"just a string"', 'null', '[1]']) {
        const res = await postJson(submitUrl, value);
        expect(res.status).toBe(400);
        expect(Object.keys(res.json.error.fields)).toEqual(['request']);
      }
    });

    it(`a request over ${LIMITS.requestBytes / 1024} KiB → 413`, async () => {
      const res = await postJson(submitUrl, { body: 'x'.repeat(LIMITS.requestBytes) });
      expect(res.status).toBe(413);
      expect(res.json.error.code).toBe('payload_too_large');
    });

    it('a body nested far deeper than any request of ours → 400, not a crash', async () => {
      const deep = `{"body":"x","a":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
      const res = await postJson(submitUrl, deep);
      expect({ status: res.status, code: res.json.error.code }).toEqual({ status: 400, code: 'invalid_request' });
    });

    it('a name with nothing visible is no name: the greeting does not address it', async () => {
      const res = await postJson(submitUrl, { body: 'Hello', name: '\u200b\u200e', locale: 'en' });
      expect(res.status).toBe(201);
      expect(res.json.acknowledgement.text).toMatch(/^Hello, thank you/);
    });

    it('a compressed body → 415 (send it uncompressed)', async () => {
      const res = await postJson(submitUrl, { body: 'hi' }, { 'content-encoding': 'gzip' });
      expect(res.status).toBe(415);
      expect(res.json.error.code).toBe('unsupported_media_type');
    });

    it('an address that is not valid percent-encoding → 400; a NUL or an overlong key → 404', async () => {
      const bad = await postJson(`${ecoute.url}/api/v1/forms/%E0%A4%A/messages`, { body: 'hi' });
      expect({ status: bad.status, json: bad.json }).toMatchObject({
        status: 400,
        json: { error: { code: 'invalid_request' } },
      });
      for (const key of ['%00', 'k'.repeat(1_001)]) {
        const res = await postJson(`${ecoute.url}/api/v1/forms/${key}/messages`, { body: 'hi' });
        expect({ key, status: res.status, code: res.json.error.code }).toMatchObject({ key, status: 404 });
      }
    });

    it('a request HTTP itself refuses (a Content-Length larger than what is sent) → 400 in the error shape', async () => {
      const url = new URL(submitUrl);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(url.port), url.hostname, () => {
          socket.end(`POST ${url.pathname} HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}`);
        });
        let data = '';
        socket.on('data', (chunk) => (data += chunk));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
        error: { code: 'invalid_request', message: 'The request is not valid HTTP.' },
      });
    });

    it('other media types → 415', async () => {
      for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/xml']) {
        const res = await fetch(submitUrl, { method: 'POST', headers: { 'content-type': type }, body: 'body=hi' });
        expect(res.status).toBe(415);
        expect((await res.json()).error.code).toBe('unsupported_media_type');
      }
    });

    it('an unknown form → 404', async () => {
      const res = await postJson(`${ecoute.url}/api/v1/forms/nope/messages`, { body: 'hello' });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('form_not_found');
    });

    it('an idempotency key that is too long or has spaces → 400', async () => {
      for (const key of ['k'.repeat(LIMITS.idempotencyKey + 1), 'has spaces']) {
        const res = await postJson(submitUrl, { body: 'hi' }, { 'idempotency-key': key });
        expect(res.status).toBe(400);
      }
    });

    it('hostile text is stored as it was written (less NUL characters)', async () => {
      const body = `<script>alert(1)</script> '; drop table messages; -- \u0000x 🙂`;
      const res = await postJson(submitUrl, { body, name: '<b>Bob</b>\n\n  Jr', email: null, pageUrl: null });
      expect(res.status).toBe(201);
      expect(res.json.acknowledgement.text).toMatch(/^Hello <b>Bob<\/b> Jr,/);
      const tracking = await fetch(`${ecoute.url}/api/v1/tracking/${tokenOf(res.json.trackingUrl)}`).then((r) =>
        r.json(),
      );
      expect(tracking.message.body).toBe(body.replace('\u0000', ''));
      expect(tracking.message.name).toBe('<b>Bob</b> Jr');
    });
  });

  describe('idempotency', () => {
    it('the same key again returns the same message, never a second one', async () => {
      const key = `retry-${Date.now()}`;
      const first = await postJson(submitUrl, { body: 'Please call me back' }, { 'idempotency-key': key });
      const before = await countMessages();
      const second = await postJson(submitUrl, { body: 'Please call me back' }, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(second.json).toEqual(first.json);
      expect(await countMessages()).toBe(before);
    });

    it('concurrent retries with one key create exactly one message', async () => {
      const key = `concurrent-${Date.now()}`;
      const before = await countMessages();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => postJson(submitUrl, { body: 'Double click!' }, { 'idempotency-key': key })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(results.map((r) => r.json.id)).size).toBe(1);
      expect(new Set(results.map((r) => r.json.trackingUrl)).size).toBe(1);
      expect(await countMessages()).toBe(before + 1);
    });

    it('the same key with different content → 422, and the first message is untouched', async () => {
      const key = `reused-${Date.now()}`;
      const first = await postJson(submitUrl, { body: 'First words' }, { 'idempotency-key': key });
      const reused = await postJson(submitUrl, { body: 'Other words' }, { 'idempotency-key': key });
      expect(reused.status).toBe(422);
      expect(reused.json.error.code).toBe('idempotency_key_reused');
      const tracking = await fetch(`${ecoute.url}/api/v1/tracking/${tokenOf(first.json.trackingUrl)}`).then((r) =>
        r.json(),
      );
      expect(tracking.message.body).toBe('First words');
    });

    it('keys are per form and stored only hashed', async () => {
      const key = `plain-${Date.now()}`;
      await postJson(submitUrl, { body: 'hashed?' }, { 'idempotency-key': key });
      const rows = await ecoute.app.db.execute(sql`select key_hash, sealed_tracking_token from idempotency_keys`);
      const dump = JSON.stringify(rows.rows);
      expect(dump).not.toContain(key);
    });
  });

  describe('spam', () => {
    it('a filled honeypot is quarantined but the sender sees a normal acknowledgement', async () => {
      const res = await postJson(submitUrl, { body: 'Buy cheap watches', website: 'http://spam.example' });
      expect(res.status).toBe(201);
      expect(res.json.acknowledgement.text).toMatch(/thank you/);
      const rows = await ecoute.app.db.execute(
        sql`select status, spam_signals from messages where id = ${res.json.id}`,
      );
      expect(rows.rows[0]).toEqual({ status: 'spam', spam_signals: ['honeypot'] });
      const tracking = await fetch(`${ecoute.url}/api/v1/tracking/${tokenOf(res.json.trackingUrl)}`).then((r) =>
        r.json(),
      );
      expect(tracking.status).toBe('unanswered');
    });

    it('an implausibly fast fill is quarantined; a human pace is not', async () => {
      const fast = await postJson(submitUrl, { body: 'Instant message', fillMs: 120 });
      const human = await postJson(submitUrl, { body: 'Considered message', fillMs: 45_000 });
      const rows = await ecoute.app.db.execute(
        sql`select id, status from messages where id in (${fast.json.id}, ${human.json.id})`,
      );
      const status = Object.fromEntries(rows.rows.map((row: any) => [row.id, row.status]));
      expect(status[fast.json.id]).toBe('spam');
      expect(status[human.json.id]).toBe('unanswered');
    });
  });

  it('stores tracking tokens only hashed', async () => {
    const res = await postJson(submitUrl, { body: 'Where is the token?' });
    const rows = await ecoute.app.db.execute(sql`select * from messages where id = ${res.json.id}`);
    expect(JSON.stringify(rows.rows)).not.toContain(tokenOf(res.json.trackingUrl));
  });
});
