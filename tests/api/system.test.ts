// Health, API documentation, errors for unknown routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startApp, type RunningApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';

describe('system routes', () => {
  let ecoute: RunningApp;
  beforeAll(async () => {
    ecoute = await startApp();
  });
  afterAll(() => ecoute.close());

  it('GET /healthz → 200 {"status":"ok"}', async () => {
    const res = await fetch(`${ecoute.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const doc = await fetch(`${ecoute.url}/api/docs/json`).then((r) => r.json());
    expect(doc.openapi).toMatch(/^3\./);
    const submit = doc.paths['/api/v1/forms/{formKey}/messages'].post;
    expect(Object.keys(submit.responses)).toEqual(
      expect.arrayContaining(['201', '400', '403', '404', '413', '415', '422', '429']),
    );
    expect(submit.requestBody.content).toHaveProperty('application/json');
    expect(submit.requestBody.content).toHaveProperty('application/x-www-form-urlencoded');
    expect(doc.paths).toHaveProperty(['/api/v1/tracking/{token}']);
    expect(doc.paths).toHaveProperty(['/healthz']);
    // What each operation needs, from its guard: a session, the CSRF token to change something, a role.
    const operations = Object.values(doc.paths as Record<string, Record<string, any>>).flatMap((item) =>
      Object.entries(item).map(([method, operation]) => ({ method, ...operation })),
    );
    const byId = (id: string) => operations.find((operation) => operation.operationId === id)!;
    expect(byId('listMessages').security).toEqual([{ session: [] }]);
    expect(byId('replyToMessage').security).toEqual([{ session: [], csrf: [] }]);
    expect(byId('replyToMessage').description).toContain('Needs the `agent` role.');
    expect(byId('createUser').description).toContain('Needs the `admin` role.');
    for (const open of ['submitMessage', 'getTracking', 'login']) expect(byId(open).security).toBeUndefined();
    // The inbound mail webhook is for a mail provider, with its own bearer token.
    expect(byId('receiveInboundEmail').security).toEqual([{ inboundSecret: [] }]);
    const guarded = operations.filter((operation) => operation.tags?.some((tag: string) => tag !== 'customer'));
    for (const operation of guarded) {
      // A shared Customer Day report is read with its link's token alone.
      if (
        ['login', 'setPassword', 'health', 'receiveInboundEmail', 'getSharedCustomerDayReport'].includes(
          operation.operationId,
        )
      )
        continue;
      const writes = operation.method !== 'get';
      expect({ id: operation.operationId, security: operation.security }).toEqual({
        id: operation.operationId,
        security: [writes ? { session: [], csrf: [] } : { session: [] }],
      });
    }
    expect(doc.components.securitySchemes.csrf).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-csrf-token' });
    const ui = await fetch(`${ecoute.url}/api/docs`, { redirect: 'follow' });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('serves the agent app never cached and its hashed assets forever', async () => {
    for (const path of ['/', '/inbox/unanswered', '/messages/x']) {
      const page = await fetch(`${ecoute.url}${path}`);
      await page.text();
      expect({ path, status: page.status, cache: page.headers.get('cache-control') }).toEqual({
        path,
        status: 200,
        cache: 'no-cache',
      });
    }
    const html = await fetch(`${ecoute.url}/`).then((r) => r.text());
    const asset = /\/app-assets\/[\w.-]+\.js/.exec(html)![0];
    // HEAD: the headers without the body, which an unread response would leave the server writing.
    const res = await fetch(`${ecoute.url}${asset}`, { method: 'HEAD' });
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('unknown routes → 404 in the error shape', async () => {
    const res = await fetch(`${ecoute.url}/api/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });
});

describe.skipIf(!databaseKinds.includes('postgres'))('health on PostgreSQL', () => {
  it('answers 503 while the database refuses connections, and 200 again after', async () => {
    const ecoute = await startApp('postgres');
    const databaseName = new URL((ecoute.app.config.database as { url: string }).url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`alter database ${databaseName} allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [databaseName]);
      const down = await fetch(`${ecoute.url}/healthz`);
      expect(down.status).toBe(503);
      expect((await down.json()).error.code).toBe('database_unavailable');
      await admin.query(`alter database ${databaseName} allow_connections true`);
      expect((await fetch(`${ecoute.url}/healthz`)).status).toBe(200);
    } finally {
      await admin.query(`alter database ${databaseName} allow_connections true`);
      await admin.end();
      await ecoute.close();
    }
  });
});
