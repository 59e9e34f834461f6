// A user's own profile through the API, on both databases: the language they choose is saved, shown
// in their session and in the admin's list, and only theirs; bad input, no CSRF token and no
// session are refused in the contract's shape, changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createAgent, signIn, type AgentClient } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';

describe.each(databaseKinds)('the profile’s language on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let agent: AgentClient;

  const localeOf = async (as: AgentClient) => (await as.request('GET', '/api/v1/auth/me')).json.user.locale;

  beforeAll(async () => {
    ecoute = await startApp(kind);
    admin = await signIn(ecoute.url);
    agent = await createAgent(ecoute.url, admin, { email: 'alex@shop.example', name: 'Alex', role: 'agent' });
  });
  afterAll(() => ecoute.close());

  it('is unknown until chosen, then saved for the user alone', async () => {
    expect(await localeOf(agent)).toBeNull();
    const chosen = await agent.request('PATCH', '/api/v1/me', { locale: 'fr' });
    expect(chosen.status).toBe(200);
    expect(chosen.json).toMatchObject({ id: agent.user.id, name: 'Alex', role: 'agent', locale: 'fr' });
    expect(await localeOf(agent)).toBe('fr');
    expect(await localeOf(admin)).toBeNull();
    const listed = (await admin.request('GET', '/api/v1/users')).json.items;
    expect(listed.find((user: { id: string }) => user.id === agent.user.id).locale).toBe('fr');

    expect((await agent.request('PATCH', '/api/v1/me', { locale: 'en' })).json.locale).toBe('en');
    expect(await localeOf(agent)).toBe('en');
  });

  it('refuses an unknown language, an empty change, a missing CSRF token and strangers, changing nothing', async () => {
    const before = await localeOf(agent);
    const german = await agent.request('PATCH', '/api/v1/me', { locale: 'de' });
    expectApiError(german, 400, 'invalid_request');
    expect(Object.keys(german.json.error.fields)).toEqual(['locale']);
    expectApiError(await agent.request('PATCH', '/api/v1/me', { locale: null }), 400, 'invalid_request');
    expectApiError(await agent.request('PATCH', '/api/v1/me', {}), 400, 'invalid_request');
    expectApiError(await agent.request('PATCH', '/api/v1/me', 'fr', { 'content-type': 'text/plain' }), 415);
    const noCsrf = await call(ecoute.url, 'PATCH', '/api/v1/me', { locale: 'fr' }, { cookie: agent.cookie });
    expectApiError(noCsrf, 403);
    expectApiError(await call(ecoute.url, 'PATCH', '/api/v1/me', { locale: 'fr' }), 401, 'unauthenticated');
    expect(await localeOf(agent)).toBe(before);
  });
});
