// Reply templates (managers write them, everyone reads them) and users (admins create them, set
// their roles and access, and make new one-time sign-in links; a role change applies on the user's
// next request, without signing in again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_VARIABLES } from '@ecoute/shared/templates';
import { ADMIN, call, createAgent, fromNewClientIp, passwordOf, signIn, type AgentClient } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';

const UNKNOWN_ID = '6f1c1a9e-3f0b-4c55-9a43-2d8d7f0e1b2c';

describe.each(databaseKinds)('templates and users on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let manager: AgentClient;
  let agent: AgentClient;

  beforeAll(async () => {
    // Many users sign in here: each from its own IP (through the trusted proxy), clear of the sign-in limit.
    ecoute = await startApp(kind, { ECOUTE_TRUST_PROXY: '127.0.0.1' });
    admin = await signIn(ecoute.url, ADMIN, fromNewClientIp());
    manager = await createAgent(
      ecoute.url,
      admin,
      { email: 'max@example.org', name: 'Max Manager', role: 'manager' },
      fromNewClientIp(),
    );
    agent = await createAgent(
      ecoute.url,
      admin,
      { email: 'ana@example.org', name: 'Ana Agent', role: 'agent' },
      fromNewClientIp(),
    );
  });
  afterAll(() => ecoute.close());

  describe('templates', () => {
    it('a manager creates, reads, changes and deletes a template', async () => {
      const created = await manager.request('POST', '/api/v1/templates', {
        name: '  Retard de livraison  ',
        body: 'Bonjour {{customer.firstName}},\nvotre commande {{reference}} arrive.',
        locale: 'fr',
      });
      expect(created.status).toBe(201);
      expect(created.json).toEqual({
        id: expect.any(String),
        name: 'Retard de livraison',
        body: 'Bonjour {{customer.firstName}},\nvotre commande {{reference}} arrive.',
        locale: 'fr',
        updatedAt: expect.any(String),
      });
      const id = created.json.id;

      const listed = await agent.request('GET', '/api/v1/templates');
      expect(listed.json.items).toContainEqual(created.json);

      const changed = await manager.request('PATCH', `/api/v1/templates/${id}`, { body: 'Bonjour {{customer.name}}.' });
      expect(changed.status).toBe(200);
      expect(changed.json).toMatchObject({
        id,
        name: 'Retard de livraison',
        body: 'Bonjour {{customer.name}}.',
        locale: 'fr',
      });
      expect(Date.parse(changed.json.updatedAt)).toBeGreaterThan(Date.parse(created.json.updatedAt));
      const anyLocale = await manager.request('PATCH', `/api/v1/templates/${id}`, { locale: null, name: 'Retard' });
      expect(anyLocale.json).toMatchObject({ name: 'Retard', locale: null, body: 'Bonjour {{customer.name}}.' });

      expect((await manager.request('DELETE', `/api/v1/templates/${id}`)).status).toBe(204);
      expect(
        (await agent.request('GET', '/api/v1/templates')).json.items.map((t: { id: string }) => t.id),
      ).not.toContain(id);
      expectApiError(await manager.request('DELETE', `/api/v1/templates/${id}`), 404, 'not_found');
      expectApiError(await manager.request('PATCH', `/api/v1/templates/${id}`, { name: 'x' }), 404, 'not_found');
    });

    it('changes only the template’s name, body and locale, whatever else the request carries', async () => {
      const created = await manager.request('POST', '/api/v1/templates', { name: 'Fixe', body: 'Bonjour.' });
      const changed = await manager.request('PATCH', `/api/v1/templates/${created.json.id}`, {
        id: UNKNOWN_ID,
        updatedAt: '2000-01-01T00:00:00.000Z',
        createdAt: '2000-01-01T00:00:00.000Z',
        body: 'Bonjour à vous.',
      });
      expect(changed.status).toBe(200);
      expect(changed.json).toMatchObject({ id: created.json.id, name: 'Fixe', body: 'Bonjour à vous.' });
      expect(changed.json.updatedAt).not.toBe('2000-01-01T00:00:00.000Z');
      const ids = (await agent.request('GET', '/api/v1/templates')).json.items.map((t: { id: string }) => t.id);
      expect(ids).toContain(created.json.id);
      expect(ids).not.toContain(UNKNOWN_ID);
      expect((await manager.request('DELETE', `/api/v1/templates/${created.json.id}`)).status).toBe(204);
    });

    it('answers 404 for templates that never existed', async () => {
      expectApiError(
        await manager.request('PATCH', `/api/v1/templates/${UNKNOWN_ID}`, { name: 'x' }),
        404,
        'not_found',
      );
      expectApiError(await manager.request('DELETE', `/api/v1/templates/${UNKNOWN_ID}`), 404, 'not_found');
    });

    it('lists templates by name; an agent may read but not write them', async () => {
      for (const name of ['Zèbre', 'Abricot', 'Mangue']) {
        expect((await manager.request('POST', '/api/v1/templates', { name, body: 'Bonjour.' })).status).toBe(201);
      }
      const names = (await agent.request('GET', '/api/v1/templates')).json.items.map((t: { name: string }) => t.name);
      expect(names).toEqual(['Abricot', 'Mangue', 'Zèbre']);
      expectApiError(await agent.request('POST', '/api/v1/templates', { name: 'Non', body: 'Non.' }), 403, 'forbidden');
      expect((await agent.request('GET', '/api/v1/templates')).json.items).toHaveLength(3);
    });

    it('documents every variable a template may use', async () => {
      const doc = (await call(ecoute.url, 'GET', '/api/docs/json')).json;
      const description: string = doc.paths['/api/v1/templates'].post.description;
      for (const variable of TEMPLATE_VARIABLES) expect(description).toContain(`{{${variable}}}`);
    });
  });

  describe('users', () => {
    it('an admin creates a user who appears in the list, with a one-time set-password link', async () => {
      const created = await admin.request('POST', '/api/v1/users', {
        email: 'Noor.Agent@Example.org',
        name: '  Noor Agent ',
        role: 'agent',
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('cache-control')).toBe('no-store');
      expect(created.json.user).toEqual({
        id: expect.any(String),
        email: 'Noor.Agent@Example.org',
        name: 'Noor Agent',
        role: 'agent',
        active: true,
        available: true,
        passwordSet: false,
        locale: null,
      });
      const link = new URL(created.json.setPasswordUrl);
      expect(link.pathname).toBe('/set-password');
      expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{20,}$/);

      const users = (await admin.request('GET', '/api/v1/users')).json.items;
      expect(users).toContainEqual(created.json.user);
      expect(users.every((user: object) => !('passwordHash' in user))).toBe(true);
    });

    it('lists teammates without their emails to everyone but admins, who get the full list', async () => {
      const full = (await admin.request('GET', '/api/v1/users')).json.items;
      expect(full.length).toBeGreaterThanOrEqual(3);
      expect(full.every((user: object) => Object.keys(user).includes('email'))).toBe(true);
      const teammates = full.map(({ id, name, active }: { id: string; name: string; active: boolean }) => ({
        id,
        name,
        active,
      }));
      for (const client of [agent, manager]) {
        const response = await client.request('GET', '/api/v1/users');
        expect(response.status).toBe(200);
        // Exactly id, name and active: no email, role or password state.
        expect(response.json.items).toEqual(teammates);
        expect(JSON.stringify(response.json)).not.toContain('@');
      }
    });

    it('refuses a second user with the same email, whatever its case (409), and creates nothing', async () => {
      const before = (await admin.request('GET', '/api/v1/users')).json.items;
      for (const email of ['ana@example.org', 'ANA@example.org', 'Ana@Example.Org']) {
        const response = await admin.request('POST', '/api/v1/users', { email, name: 'Doublon', role: 'agent' });
        expectApiError(response, 409, 'email_taken');
      }
      expect((await admin.request('GET', '/api/v1/users')).json.items).toEqual(before);
    });

    it('a role change takes effect on the user’s next request, without signing in again', async () => {
      const template = { name: 'Promu', body: 'Bonjour.' };
      expectApiError(await agent.request('POST', '/api/v1/templates', template), 403, 'forbidden');

      const promoted = await admin.request('PATCH', `/api/v1/users/${agent.user.id}`, { role: 'manager' });
      expect(promoted.json).toMatchObject({ id: agent.user.id, role: 'manager', active: true });
      expect((await agent.request('GET', '/api/v1/auth/me')).json.user.role).toBe('manager');
      const created = await agent.request('POST', '/api/v1/templates', template);
      expect(created.status).toBe(201);
      expectApiError(
        await agent.request('POST', '/api/v1/users', { email: 'x@example.org', name: 'X', role: 'agent' }),
        403,
        'forbidden',
      );

      expect((await admin.request('PATCH', `/api/v1/users/${agent.user.id}`, { role: 'agent' })).status).toBe(200);
      expectApiError(await agent.request('DELETE', `/api/v1/templates/${created.json.id}`), 403, 'forbidden');
      expect((await agent.request('GET', '/api/v1/auth/me')).json.user.role).toBe('agent');
    });

    it('renames a user; their name follows them', async () => {
      const renamed = await admin.request('PATCH', `/api/v1/users/${manager.user.id}`, { name: ' Maxime Manager ' });
      expect(renamed.json).toMatchObject({ id: manager.user.id, name: 'Maxime Manager', role: 'manager' });
      expect((await manager.request('GET', '/api/v1/auth/me')).json.user.name).toBe('Maxime Manager');
    });

    it('an admin cannot demote or deactivate themselves (409), and nothing changes', async () => {
      const self = `/api/v1/users/${admin.user.id}`;
      for (const change of [
        { role: 'manager' },
        { role: 'agent' },
        { active: false },
        { role: 'admin', active: false },
      ]) {
        expectApiError(await admin.request('PATCH', self, change), 409, 'would_lock_out');
      }
      const me = await admin.request('GET', '/api/v1/auth/me');
      expect(me.json.user).toMatchObject({ role: 'admin', active: true });
      // What does not lock them out is allowed.
      const kept = await admin.request('PATCH', self, { role: 'admin', name: 'Admin Principal', active: true });
      expect(kept.status).toBe(200);
      expect(kept.json).toMatchObject({ role: 'admin', name: 'Admin Principal', active: true });
    });

    it('another admin may demote an admin', async () => {
      const second = await createAgent(
        ecoute.url,
        admin,
        { email: 'root2@example.org', name: 'Admin Bis', role: 'admin' },
        fromNewClientIp(),
      );
      const demoted = await admin.request('PATCH', `/api/v1/users/${second.user.id}`, { role: 'agent' });
      expect(demoted.json.role).toBe('agent');
      expectApiError(
        await second.request('PATCH', `/api/v1/users/${admin.user.id}`, { role: 'agent' }),
        403,
        'forbidden',
      );
      expect((await admin.request('GET', '/api/v1/auth/me')).json.user.role).toBe('admin');
    });

    it('changes only a user’s role, name and access, whatever else the request carries', async () => {
      const target = await createAgent(
        ecoute.url,
        admin,
        { email: 'kim@example.org', name: 'Kim', role: 'agent' },
        fromNewClientIp(),
      );
      const before = (await admin.request('GET', '/api/v1/users')).json.items.find(
        (user: { id: string }) => user.id === target.user.id,
      );
      const sneaky = await admin.request('PATCH', `/api/v1/users/${target.user.id}`, {
        email: 'someone-else@example.org',
        passwordHash: 'not a hash',
        id: UNKNOWN_ID,
        nickname: 'K',
      });
      // Nothing it may change: the user as they were (not a 500 for an empty update).
      expect(sneaky.status).toBe(200);
      expect(sneaky.json).toEqual(before);
      const renamed = await admin.request('PATCH', `/api/v1/users/${target.user.id}`, {
        name: 'Kim Lee',
        email: 'someone-else@example.org',
        passwordHash: 'not a hash',
      });
      expect(renamed.json).toEqual({ ...before, name: 'Kim Lee' });
      // The password is still the one the user chose, and the session still works.
      expect((await target.request('GET', '/api/v1/auth/me')).json.user).toEqual({ ...before, name: 'Kim Lee' });
      const credentials = { email: 'kim@example.org', password: passwordOf('kim@example.org') };
      await expect(signIn(ecoute.url, credentials, fromNewClientIp())).resolves.toBeTruthy();
    });

    it('answers 404 for an unknown user', async () => {
      expectApiError(
        await admin.request('PATCH', `/api/v1/users/${UNKNOWN_ID}`, { name: 'Personne' }),
        404,
        'not_found',
      );
    });
  });

  describe('new sign-in links', () => {
    const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
    const setPassword = (token: string, password: string) =>
      call(ecoute.url, 'POST', '/api/v1/auth/set-password', { token, password }, fromNewClientIp());
    const newLink = (id: string, client: AgentClient = admin) =>
      client.request('POST', `/api/v1/users/${id}/password-link`);
    const listed = async (id: string) =>
      (await admin.request('GET', '/api/v1/users')).json.items.find((user: { id: string }) => user.id === id);

    it('replaces a lost link: the new one works once, the earlier one no longer', async () => {
      const created = await admin.request('POST', '/api/v1/users', {
        email: 'lost-link@example.org',
        name: 'Lien Perdu',
        role: 'agent',
      });
      expect(created.json.user.passwordSet).toBe(false);
      expect(await listed(created.json.user.id)).toMatchObject({ passwordSet: false, active: true });
      const first = tokenOf(created.json.setPasswordUrl);

      const renewed = await newLink(created.json.user.id);
      expect(renewed.status).toBe(201);
      expect(renewed.headers.get('cache-control')).toBe('no-store');
      expect(renewed.json).toEqual({ user: created.json.user, setPasswordUrl: expect.any(String) });
      const url = new URL(renewed.json.setPasswordUrl);
      expect(url.pathname).toBe('/set-password');
      const second = url.searchParams.get('token')!;
      expect(second).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(second).not.toBe(first);

      expectApiError(await setPassword(first, 'the first link password'), 400, 'link_invalid');
      expect((await setPassword(second, 'the second link password')).status).toBe(204);
      expectApiError(await setPassword(second, 'once more with it'), 400, 'link_invalid');

      expect(await listed(created.json.user.id)).toMatchObject({ passwordSet: true });
      const credentials = { email: 'lost-link@example.org', password: 'the second link password' };
      await expect(signIn(ecoute.url, credentials, fromNewClientIp())).resolves.toBeTruthy();
    });

    it('resets a password: the old one works until the link is used, which ends every session', async () => {
      const email = 'forgetful@example.org';
      const user = await createAgent(ecoute.url, admin, { email, name: 'Oublieux', role: 'agent' }, fromNewClientIp());
      const link = await newLink(user.user.id);
      expect(link.status).toBe(201);
      expect(link.json.user).toMatchObject({ id: user.user.id, passwordSet: true });

      // Until the link is used, nothing changes for the user.
      expect((await user.request('GET', '/api/v1/auth/me')).status).toBe(200);
      const before = await signIn(ecoute.url, { email, password: passwordOf(email) }, fromNewClientIp());

      expect((await setPassword(tokenOf(link.json.setPasswordUrl), 'a brand new password')).status).toBe(204);
      for (const session of [user, before]) {
        expectApiError(await session.request('GET', '/api/v1/auth/me'), 401, 'unauthenticated');
      }
      const old = await call(
        ecoute.url,
        'POST',
        '/api/v1/auth/login',
        { email, password: passwordOf(email) },
        fromNewClientIp(),
      );
      expectApiError(old, 401, 'invalid_credentials');
      await expect(
        signIn(ecoute.url, { email, password: 'a brand new password' }, fromNewClientIp()),
      ).resolves.toBeTruthy();
    });

    it('makes no link for a deactivated user (409); deactivation ends the links already made', async () => {
      const created = await admin.request('POST', '/api/v1/users', {
        email: 'departed@example.org',
        name: 'Parti',
        role: 'agent',
      });
      const id = created.json.user.id;
      const pending = tokenOf((await newLink(id)).json.setPasswordUrl);

      expect((await admin.request('PATCH', `/api/v1/users/${id}`, { active: false })).status).toBe(200);
      expectApiError(await newLink(id), 409, 'user_deactivated');
      expect((await admin.request('PATCH', `/api/v1/users/${id}`, { active: true })).status).toBe(200);
      expectApiError(await setPassword(pending, 'a password for later'), 400, 'link_invalid');

      const fresh = await newLink(id);
      expect(fresh.status).toBe(201);
      expect((await setPassword(tokenOf(fresh.json.setPasswordUrl), 'a password for later')).status).toBe(204);
    });

    it('only an admin makes one, with the CSRF token; refused requests leave the earlier link working', async () => {
      const created = await admin.request('POST', '/api/v1/users', {
        email: 'guarded@example.org',
        name: 'Protégé',
        role: 'agent',
      });
      const path = `/api/v1/users/${created.json.user.id}/password-link`;
      expectApiError(await newLink(created.json.user.id, agent), 403, 'forbidden');
      expectApiError(await newLink(created.json.user.id, manager), 403, 'forbidden');
      expectApiError(await call(ecoute.url, 'POST', path), 401, 'unauthenticated');
      expectApiError(
        await call(ecoute.url, 'POST', path, undefined, { cookie: admin.cookie }),
        403,
        'csrf_token_invalid',
      );
      expect((await setPassword(tokenOf(created.json.setPasswordUrl), 'still the first link')).status).toBe(204);
    });

    it('refuses a malformed id (400) and answers 404 for an unknown user', async () => {
      expectApiError(await newLink('not-a-uuid'), 400, 'invalid_request');
      expectApiError(await newLink(UNKNOWN_ID), 404, 'not_found');
    });
  });
});
