// A form's public status (GET /api/v1/forms/{formKey}/status?origin=…): readable from any page,
// briefly cacheable, rate-limited, and refusing bad input in the contract's shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forms } from '../../server/src/db/schema/index.ts';
import { call } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';

describe.each(databaseKinds)('form status on %s', (kind) => {
  let ecoute: RunningApp;
  const status = (formKey: string, query = '?origin=https%3A%2F%2Fshop.example', headers = {}) =>
    call(ecoute.url, 'GET', `/api/v1/forms/${formKey}/status${query}`, undefined, headers);

  beforeAll(async () => {
    ecoute = await startApp(kind);
    await ecoute.app.db.insert(forms).values([
      { key: 'shop', name: 'La boutique', allowedOrigins: ['https://shop.example'], defaultLocale: 'fr' },
      { key: 'closed', name: 'Closed', allowedOrigins: [] },
    ]);
  });
  afterAll(() => ecoute.close());

  it('says a form takes a page it allows, with its display settings, to any origin, cacheable briefly', async () => {
    const res = await status('shop', '?origin=https%3A%2F%2Fshop.example', { origin: 'https://elsewhere.example' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      form: 'shop',
      name: 'La boutique',
      defaultLocale: 'fr',
      accent: null,
      acceptsOrigin: true,
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    // As long as the forms cache: an admin's change reaches the widget as fast as the submissions.
    expect(res.headers.get('cache-control')).toBe('public, max-age=3');
  });

  it('says plainly when a form refuses a page: another origin, another scheme or port, an opaque one', async () => {
    for (const origin of ['https://other.example', 'http://shop.example', 'https://shop.example:8443', 'null']) {
      const res = await status('shop', `?origin=${encodeURIComponent(origin)}`);
      expect({ origin, status: res.status, accepts: res.json.acceptsOrigin }).toEqual({
        origin,
        status: 200,
        accepts: false,
      });
    }
    expect((await status('closed')).json.acceptsOrigin).toBe(false);
    // `*` takes every page; Ecoute's own origin is always taken.
    expect((await status('demo', '?origin=null')).json.acceptsOrigin).toBe(true);
    expect((await status('closed', `?origin=${encodeURIComponent(ecoute.url)}`)).json.acceptsOrigin).toBe(true);
  });

  it('answers an unknown form with a 404 in the contract’s shape, readable by any page', async () => {
    const res = await status('no-such-form');
    expectApiError(res, 404, 'form_not_found');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect((await status('%00')).status).toBe(404);
    expectApiError(await status('x'.repeat(101)), 400, 'invalid_request');
  });

  it('refuses a missing or malformed origin with a 400 naming it', async () => {
    for (const query of [
      '',
      '?origin=',
      '?origin=shop.example',
      '?origin=https%3A%2F%2Fshop.example%2Fpath',
      '?origin=javascript%3Aalert(1)',
      '?origin=https%3A%2F%2Fuser%40shop.example',
      `?origin=https%3A%2F%2F${'a'.repeat(300)}.example`,
      '?origin=a&origin=b',
    ]) {
      const res = await status('shop', query);
      expectApiError(res, 400, 'invalid_request');
      expect({ query, fields: Object.keys(res.json.error.fields ?? {}) }).toEqual({ query, fields: ['origin'] });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('is in the OpenAPI document with every answer it gives', async () => {
    const doc = (await call(ecoute.url, 'GET', '/api/docs/json')).json;
    const operation = doc.paths['/api/v1/forms/{formKey}/status'].get;
    expect(operation.operationId).toBe('getFormStatus');
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '404', '429', '500']);
  });

  it('is rate-limited per client, answering 429 with Retry-After in the contract’s shape', async () => {
    let res = await status('demo');
    for (let i = 0; i < 130 && res.status === 200; i++) res = await status('demo');
    expectApiError(res, 429, 'rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
