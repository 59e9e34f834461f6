// Signing in and out: the session cookie, identical answers for every wrong credential, the
// sign-in rate limits, server-side logout, deactivation, one-time set-password links, and forged
// cookies. The app trusts the loopback proxy so that each test signs in from its own client IP and
// the sign-in limits (50 failures per 10 minutes per IP, 10 per account and IP, a growing wait after
// 5 per account from any IP; 30 set-password attempts per IP apart from those) only bite where a
// test means them to. The admin's own account never fails: the limit tests use accounts of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  call,
  createAgent,
  fromNewClientIp,
  passwordOf,
  signIn,
  type AgentClient,
  type AgentResponse,
} from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';

describe.each(databaseKinds)('sign-in and sessions on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  const login = (credentials: unknown, headers: Record<string, string> = fromNewClientIp()) =>
    call(ecoute.url, 'POST', '/api/v1/auth/login', credentials, headers);
  const me = (cookie: string) => call(ecoute.url, 'GET', '/api/v1/auth/me', undefined, { cookie });

  beforeAll(async () => {
    ecoute = await startApp(kind, { ECOUTE_TRUST_PROXY: '127.0.0.1' });
    admin = await signIn(ecoute.url, ADMIN, fromNewClientIp());
  });
  afterAll(() => ecoute.close());

  it('signs in with an HttpOnly, SameSite=Strict session cookie and returns the user and a CSRF token', async () => {
    const response = await login(ADMIN);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const attributes = cookies[0]!.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes[0]).toMatch(/^ecoute_session=[a-z0-9_-]{20,}$/);
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/');
    expect(response.json).toEqual({
      user: {
        id: expect.any(String),
        email: ADMIN.email,
        name: expect.any(String),
        role: 'admin',
        active: true,
        available: true,
        passwordSet: true,
        locale: null,
      },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
    });
    // The session token is the cookie's alone: the body never carries it.
    expect(JSON.stringify(response.json)).not.toContain(attributes[0]!.split('=')[1]!);
  });

  it('matches the email whatever its case', async () => {
    const response = await login({ email: ADMIN.email.toUpperCase(), password: ADMIN.password });
    expect(response.status).toBe(200);
    expect(response.json.user.email).toBe(ADMIN.email);
  });

  it('gives the same 401 for an unknown email, a wrong password and a user without a password yet', async () => {
    const created = await admin.request('POST', '/api/v1/users', {
      email: 'no-password@example.org',
      name: 'Sans Mot de passe',
      role: 'agent',
    });
    expect(created.status).toBe(201);
    const headers = fromNewClientIp();
    const unknown = await login({ email: 'nobody@example.org', password: ADMIN.password }, headers);
    const wrong = await login({ email: ADMIN.email, password: 'not the password' }, headers);
    const noPassword = await login({ email: 'no-password@example.org', password: 'anything at all' }, headers);
    for (const response of [unknown, wrong, noPassword]) {
      expectApiError(response, 401, 'invalid_credentials');
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(wrong.json).toEqual(unknown.json);
    expect(noPassword.json).toEqual(unknown.json);
  });

  it('refuses sign-in fields that are missing, too long or of the wrong type, and form posts', async () => {
    const headers = fromNewClientIp();
    expectApiError(await login({ email: ADMIN.email }, headers), 400, 'invalid_request');
    expectApiError(await login({ email: ADMIN.email, password: 'x'.repeat(201) }, headers), 400, 'invalid_request');
    expectApiError(await login({ email: ADMIN.email, password: 12345678 }, headers), 400, 'invalid_request');
    const missing = await login({ password: ADMIN.password }, headers);
    expect(missing.json.error.fields).toEqual({ email: 'is required' });
    // No cross-site HTML form can sign anyone in: the agent API only speaks JSON.
    const form = await call(ecoute.url, 'POST', '/api/v1/auth/login', new URLSearchParams(ADMIN).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      ...fromNewClientIp(),
    });
    expectApiError(form, 415);
  });

  /** Checks a refusal by the sign-in limits: 429 in the error shape, a Retry-After, no session. */
  function expectLimited(response: AgentResponse) {
    expectApiError(response, 429, 'rate_limited');
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(response.headers.getSetCookie()).toEqual([]);
  }

  it('lets colleagues behind one address sign in more than 10 times in a row', async () => {
    const office = fromNewClientIp();
    const colleagues = ['office-1@example.org', 'office-2@example.org', 'office-3@example.org'];
    // Each is created, chooses a password and signs in from the office: 3 set-passwords, 3 sign-ins.
    for (const email of colleagues) await createAgent(ecoute.url, admin, { email, name: email, role: 'agent' }, office);
    const statuses = [];
    for (let round = 0; round < 4; round++) {
      for (const email of colleagues)
        statuses.push((await login({ email, password: passwordOf(email) }, office)).status);
    }
    expect(statuses).toEqual(Array(12).fill(200));
    // Successes never count: one person signing in again and again is never held back.
    const again = [];
    for (let round = 0; round < 15; round++) {
      again.push((await login({ email: colleagues[0]!, password: passwordOf(colleagues[0]!) }, office)).status);
    }
    expect(again).toEqual(Array(15).fill(200));
  });

  it('limits failed sign-ins per client IP (50 per 10 minutes) with 429 and Retry-After', async () => {
    const target = { email: 'per-ip@example.org', password: passwordOf('per-ip@example.org') };
    await createAgent(
      ecoute.url,
      admin,
      { email: target.email, name: 'Par Adresse', role: 'agent' },
      fromNewClientIp(),
    );
    const attacker = fromNewClientIp();
    // Failures from the address count, whichever accounts they try (each account spends one).
    for (let attempt = 0; attempt < 50; attempt++) {
      expectApiError(
        await login({ email: `guess-${attempt}@example.org`, password: 'a guess' }, attacker),
        401,
        'invalid_credentials',
      );
    }
    // Even the right password is refused from this address now…
    expectLimited(await login(target, attacker));
    // …but not from another one: the account itself has spent nothing.
    expect((await login(target)).status).toBe(200);
    // Choosing a password from the limited address is another budget.
    const link = await call(
      ecoute.url,
      'POST',
      '/api/v1/auth/set-password',
      { token: 'not-a-link', password: 'a long enough password' },
      attacker,
    );
    expectApiError(link, 400, 'link_invalid');
  });

  /** `count` wrong passwords for an account at once, each from an address of its own. */
  async function failFromManyAddresses(email: string, count: number) {
    const statuses = await Promise.all(
      Array.from({ length: count }, (_, attempt) => login({ email, password: `guess ${attempt}` })),
    );
    expect(statuses.map((response) => response.status)).toEqual(Array(count).fill(401));
  }
  /** A sign-in's answer and how long it took, in milliseconds. */
  async function timedLogin(credentials: unknown, headers = fromNewClientIp()) {
    const started = performance.now();
    const response = await login(credentials, headers);
    return { response, ms: performance.now() - started };
  }

  it('never locks the right password out: failures on an account from other addresses only delay it', async () => {
    const target = { email: 'target@example.org', password: passwordOf('target@example.org') };
    await createAgent(ecoute.url, admin, { email: target.email, name: 'Cible', role: 'agent' }, fromNewClientIp());
    // Guesses spread over many addresses, as a botnet would send them, and in any letter case.
    await failFromManyAddresses(target.email, 8);
    await failFromManyAddresses(' TARGET@Example.org ', 6);
    // The person who knows the password, from an address with no failures, gets in (a little later).
    const { response, ms } = await timedLogin(target);
    expect(response.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(2_000);
    expect((await login({ email: 'Target@Example.org', password: target.password })).status).toBe(200);
  });

  it('refuses guesses from one address after 10 failures for one account, with 429 and Retry-After', async () => {
    const target = { email: 'guessed@example.org', password: passwordOf('guessed@example.org') };
    const other = { email: 'bystander@example.org', password: passwordOf('bystander@example.org') };
    for (const { email } of [target, other]) {
      await createAgent(ecoute.url, admin, { email, name: email, role: 'agent' }, fromNewClientIp());
    }
    const guesser = fromNewClientIp();
    const statuses = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const email = attempt % 2 ? target.email : target.email.toUpperCase();
      statuses.push((await login({ email, password: `guess ${attempt}` }, guesser)).status);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    // Spent for this account from this address, even with the right password, in any case…
    expectLimited(await login(target, guesser));
    expectLimited(await login({ email: ` ${target.email.toUpperCase()}`, password: 'guess 10' }, guesser));
    // …but another account from the same address, and this one from another address, are let in.
    expect((await login(other, guesser)).status).toBe(200);
    expect((await login(target)).status).toBe(200);
    // An email nobody has is refused the same way: a 429 tells nothing about which accounts exist.
    const ghost = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      ghost.push((await login({ email: 'ghost@example.org', password: `guess ${attempt}` }, guesser)).status);
    }
    expect(ghost).toEqual(Array(10).fill(401));
    expectLimited(await login({ email: 'ghost@example.org', password: 'guess 10' }, guesser));
  });

  it('delays every sign-in to an account longer as its failures grow, from whatever addresses', async () => {
    const email = 'slowed@example.org';
    await createAgent(ecoute.url, admin, { email, name: 'Ralenti', role: 'agent' }, fromNewClientIp());
    // 5 failures are free (a person mistyping); then each waits 100 ms, doubling, up to 2 s.
    await failFromManyAddresses(email, 5);
    const after5 = await timedLogin({ email, password: 'guess' });
    await failFromManyAddresses(email, 2);
    const after8 = await timedLogin({ email, password: 'guess' });
    for (const { response } of [after5, after8]) expectApiError(response, 401, 'invalid_credentials');
    expect(after5.ms).toBeGreaterThanOrEqual(100);
    expect(after8.ms).toBeGreaterThanOrEqual(800);
    expect(after8.ms).toBeGreaterThan(after5.ms);
    // An unknown email waits alike: the wait tells nothing about which accounts exist.
    await failFromManyAddresses('nobody-slowed@example.org', 8);
    expect((await timedLogin({ email: 'nobody-slowed@example.org', password: 'guess' })).ms).toBeGreaterThanOrEqual(
      800,
    );
  });

  it('limits set-password attempts per client IP (30 per 10 minutes) without spending sign-ins', async () => {
    const email = 'linker@example.org';
    await createAgent(ecoute.url, admin, { email, name: 'Lien', role: 'agent' }, fromNewClientIp());
    const address = fromNewClientIp();
    const setPassword = (token: string) =>
      call(ecoute.url, 'POST', '/api/v1/auth/set-password', { token, password: 'a long enough password' }, address);
    for (let attempt = 0; attempt < 30; attempt++) {
      expectApiError(await setPassword(`guessed-link-${attempt}`), 400, 'link_invalid');
    }
    const limited = await setPassword('guessed-link-30');
    expectApiError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Signing in from the same address still works.
    expect((await login({ email, password: passwordOf(email) }, address)).status).toBe(200);
  });

  it('answers /auth/me with the user and the session’s CSRF token, and 401 without a session', async () => {
    const response = await me(admin.cookie);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ user: admin.user, csrfToken: admin.csrfToken });
    expectApiError(await call(ecoute.url, 'GET', '/api/v1/auth/me'), 401, 'unauthenticated');
  });

  it('logs out on the server: the old cookie no longer works, other sessions do', async () => {
    const session = await signIn(ecoute.url, ADMIN, fromNewClientIp());
    expect((await me(session.cookie)).status).toBe(200);
    // Without the CSRF token, logging out is refused and the session lives on.
    const forged = await call(ecoute.url, 'POST', '/api/v1/auth/logout', undefined, { cookie: session.cookie });
    expectApiError(forged, 403, 'csrf_token_invalid');
    expect((await me(session.cookie)).status).toBe(200);

    const out = await session.request('POST', '/api/v1/auth/logout');
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie().join(';').toLowerCase();
    expect(cleared).toMatch(/ecoute_session=;/);
    expect(cleared).toMatch(/expires=thu, 01 jan 1970|max-age=0/);
    // Replaying the old cookie (as a stolen copy would) is refused: the session is gone server-side.
    expectApiError(await me(session.cookie), 401, 'unauthenticated');
    expectApiError(await session.request('GET', '/api/v1/messages'), 401, 'unauthenticated');
    expect((await me(admin.cookie)).status).toBe(200);
  });

  it('refuses forged, garbage and tampered cookies with 401', async () => {
    const token = admin.cookie.split('=')[1]!;
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const cookie of [
      'ecoute_session=garbage',
      `ecoute_session=${'A'.repeat(43)}`,
      `ecoute_session=${tampered}`,
      'ecoute_session=',
      `other_cookie=${token}`,
      `ecoute_session=${'%'.repeat(10)}`,
    ]) {
      expectApiError(await me(cookie), 401, 'unauthenticated');
      expectApiError(
        await call(ecoute.url, 'GET', '/api/v1/messages?view=all', undefined, { cookie }),
        401,
        'unauthenticated',
      );
      expectApiError(
        await call(ecoute.url, 'POST', '/api/v1/templates', { name: 'x', body: 'y' }, { cookie, 'x-csrf-token': 'x' }),
        401,
        'unauthenticated',
      );
    }
    const templates = await admin.request('GET', '/api/v1/templates');
    expect(templates.json.items).toEqual([]);
  });

  it('signs a deactivated user out at once and stops their sign-in; reactivation lets them back', async () => {
    const headers = fromNewClientIp();
    const agent = await createAgent(
      ecoute.url,
      admin,
      { email: 'leaving@example.org', name: 'Agent Partant', role: 'agent' },
      headers,
    );
    expect((await me(agent.cookie)).status).toBe(200);

    const deactivated = await admin.request('PATCH', `/api/v1/users/${agent.user.id}`, { active: false });
    expect(deactivated.status).toBe(200);
    expect(deactivated.json).toMatchObject({ id: agent.user.id, active: false });
    expectApiError(await me(agent.cookie), 401, 'unauthenticated');
    expectApiError(await agent.request('GET', '/api/v1/messages'), 401, 'unauthenticated');
    const refused = await login({ email: 'leaving@example.org', password: passwordOf('leaving@example.org') }, headers);
    expectApiError(refused, 401, 'invalid_credentials');
    // The same answer as a wrong password: nothing tells an attacker the account exists.
    const wrong = await login({ email: ADMIN.email, password: 'wrong password here' }, headers);
    expect(refused.json).toEqual(wrong.json);

    const users = await admin.request('GET', '/api/v1/users');
    expect(users.json.items.find((user: { id: string }) => user.id === agent.user.id)).toMatchObject({ active: false });

    expect((await admin.request('PATCH', `/api/v1/users/${agent.user.id}`, { active: true })).status).toBe(200);
    expectApiError(await me(agent.cookie), 401, 'unauthenticated'); // the old session stays ended
    const back = await login({ email: 'leaving@example.org', password: passwordOf('leaving@example.org') }, headers);
    expect(back.status).toBe(200);
  });

  it('spends a set-password link once, refuses short passwords, and signs in with the new password', async () => {
    const headers = fromNewClientIp();
    const created = await admin.request('POST', '/api/v1/users', {
      email: 'newcomer@example.org',
      name: 'Nouvelle Recrue',
      role: 'agent',
    });
    expect(created.status).toBe(201);
    const setPasswordUrl = new URL(created.json.setPasswordUrl);
    expect(setPasswordUrl.pathname).toBe('/set-password');
    const token = setPasswordUrl.searchParams.get('token')!;
    const setPassword = (body: unknown) => call(ecoute.url, 'POST', '/api/v1/auth/set-password', body, headers);

    const short = await setPassword({ token, password: 'eleven char' });
    expectApiError(short, 400, 'invalid_request');
    expect(Object.keys(short.json.error.fields)).toEqual(['password']);
    expectApiError(await setPassword({ token, password: 'x'.repeat(201) }), 400, 'invalid_request');
    expectApiError(await setPassword({ token: 'not-a-link', password: 'a long enough password' }), 400, 'link_invalid');

    // A refused password does not spend the link.
    expect((await setPassword({ token, password: 'twelve chars' })).status).toBe(204);
    const again = await setPassword({ token, password: 'another long password' });
    expectApiError(again, 400, 'link_invalid');

    expect((await login({ email: 'newcomer@example.org', password: 'twelve chars' }, headers)).status).toBe(200);
    expectApiError(
      await login({ email: 'newcomer@example.org', password: 'another long password' }, headers),
      401,
      'invalid_credentials',
    );
  });

  it('never answers an error outside the one shape', async () => {
    const samples = [
      await call(ecoute.url, 'GET', '/api/v1/users'),
      await admin.request('POST', '/api/v1/templates', { name: 'x' }),
      await admin.request('POST', '/api/v1/templates', '{"name": "x", ', { 'content-type': 'application/json' }),
      await admin.request('POST', '/api/v1/templates', 'name=x', { 'content-type': 'text/plain' }),
      await admin.request('GET', '/api/v1/messages/00000000-0000-4000-8000-000000000000'),
      await admin.request('PATCH', `/api/v1/users/${admin.user.id}`, { role: 'agent' }),
      await call(
        ecoute.url,
        'POST',
        '/api/v1/users',
        { email: 'a@b.c', name: 'A', role: 'agent' },
        {
          cookie: admin.cookie,
          'x-csrf-token': 'wrong',
        },
      ),
    ];
    expect(samples.map((response) => response.status)).toEqual([401, 400, 400, 415, 404, 409, 403]);
    for (const response of samples) expectApiError(response, response.status);
    expect(samples[1]!.json.error.fields).toEqual({ body: 'is required' });
  });
});
