// Who may call what: every agent API operation × anonymous / agent / manager / admin, the CSRF check
// on every request that changes something, and the OpenAPI document listing exactly these operations.
// A new route is one more row in ENDPOINTS (the OpenAPI test fails until it is added).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, call, createAgent, fromNewClientIp, signIn, type AgentClient, dueIn } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { nextCustomerDay, pastCustomerDays } from '@ecoute/shared/customer-day';

type Role = 'agent' | 'manager' | 'admin';
const ROLES: Role[] = ['agent', 'manager', 'admin'];
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a test needs to build requests: the app and an admin to create what a request acts on. */
interface Fixtures {
  url: string;
  admin: AgentClient;
}

interface PreparedRequest {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** The message the request acts on, read back to check that a refused request changed nothing. */
  messageId?: string;
}

interface Endpoint {
  operationId: string;
  method: Method;
  /** As registered under /api/v1, with `:param`s. */
  route: string;
  /** `public` needs no session (and is not in the matrix). */
  access: 'public' | Role;
  /** The status of a successful call. */
  ok: number;
  /** Builds a request that succeeds for anyone with the access, creating what it acts on. */
  prepare?: (fixtures: Fixtures) => Promise<PreparedRequest>;
  /** The request ends the session that makes it: the allowed call uses a session of its own. */
  endsSession?: true;
  /** The answer is a stream that does not end: the allowed call reads its status, then lets go. */
  streams?: true;
}

let uniqueness = 0;
const unique = () => `${Date.now().toString(36)}${++uniqueness}`;

async function unansweredMessage({ url }: Fixtures): Promise<string> {
  return (await writeMessage(url, { body: `Bonjour, une question (${unique()}).`, name: 'Client Test' })).id;
}

async function spamMessage({ url }: Fixtures): Promise<string> {
  return (await writeMessage(url, { body: `Buy now ${unique()}`, website: 'https://spam.example' })).id;
}

async function openCommitment(fixtures: Fixtures): Promise<{ messageId: string; commitmentId: string }> {
  const messageId = await unansweredMessage(fixtures);
  const reply = await fixtures.admin.request('POST', `/api/v1/messages/${messageId}/replies`, {
    body: 'Bonjour Client, nous vous rappelons demain.',
    commitments: [{ description: 'Rappeler le client', dueOn: dueIn(1650) }],
  });
  if (reply.status !== 201) throw new Error(`reply failed: ${reply.status} ${JSON.stringify(reply.json)}`);
  return { messageId, commitmentId: reply.json.commitments[0].id };
}

async function template({ admin }: Fixtures): Promise<string> {
  const created = await admin.request('POST', '/api/v1/templates', { name: `Modèle ${unique()}`, body: 'Bonjour.' });
  if (created.status !== 201) throw new Error(`template failed: ${created.status}`);
  return created.json.id;
}

async function team({ admin }: Fixtures): Promise<string> {
  const created = await admin.request('POST', '/api/v1/teams', { name: `Équipe ${unique()}` });
  if (created.status !== 201) throw new Error(`team failed: ${created.status}`);
  return created.json.id;
}

const RULE = {
  name: 'Règle',
  match: 'any',
  conditions: [{ kind: 'words', phrases: ['livraison'] }],
  actions: { tags: ['livraison'] },
  stop: false,
};

async function digestSubscriber({ admin }: Fixtures): Promise<string> {
  const body = { email: `digest-${unique()}@example.org`, locale: 'en', tag: 'urgent' };
  return (await admin.request('POST', '/api/v1/digests', body)).json.id;
}

async function routingRule({ admin }: Fixtures): Promise<string> {
  const created = await admin.request('POST', '/api/v1/routing-rules', RULE);
  if (created.status !== 201) throw new Error(`rule failed: ${created.status}`);
  return created.json.id;
}

async function user({ admin }: Fixtures): Promise<string> {
  const created = await admin.request('POST', '/api/v1/users', {
    email: `user-${unique()}@example.org`,
    name: 'Utilisateur',
    role: 'agent',
  });
  if (created.status !== 201) throw new Error(`user failed: ${created.status}`);
  return created.json.user.id;
}

const onMessage =
  (make: (fixtures: Fixtures) => Promise<string>, body?: unknown) =>
  async (fixtures: Fixtures): Promise<PreparedRequest> => {
    const id = await make(fixtures);
    return { params: { id }, body, messageId: id };
  };

const onCommitment =
  (body: unknown) =>
  async (fixtures: Fixtures): Promise<PreparedRequest> => {
    const { messageId, commitmentId } = await openCommitment(fixtures);
    return { params: { id: commitmentId }, body, messageId };
  };

/** Customer Days whose period has begun, handed out once each per app: a publication is made once. */
const customerDaysLeft = new Map<string, string[]>();
function unpublishedCustomerDay({ url }: Fixtures): string {
  if (!customerDaysLeft.has(url)) {
    customerDaysLeft.set(url, [nextCustomerDay(new Date()), ...pastCustomerDays(new Date(), 8)]);
  }
  const day = customerDaysLeft.get(url)!.shift();
  if (!day) throw new Error('no unpublished Customer Day left');
  return day;
}

/** The last Customer Day, published (again) by the admin, for its share links. */
async function publishedCustomerDay({ admin }: Fixtures): Promise<string> {
  const [day] = pastCustomerDays(new Date(), 1) as [string];
  const published = await admin.request('POST', `/api/v1/reports/customer-days/${day}/publication`, {
    republish: true,
  });
  if (published.status >= 300) throw new Error(`publication failed: ${published.status}`);
  return day;
}

async function customerDayShare(fixtures: Fixtures): Promise<string> {
  const day = await publishedCustomerDay(fixtures);
  const made = await fixtures.admin.request('POST', `/api/v1/reports/customer-days/${day}/shares`);
  if (made.status !== 201) throw new Error(`share failed: ${made.status}`);
  return made.json.id;
}

const ENDPOINTS: Endpoint[] = [
  { operationId: 'login', method: 'POST', route: '/auth/login', access: 'public', ok: 200 },
  { operationId: 'setPassword', method: 'POST', route: '/auth/set-password', access: 'public', ok: 204 },
  { operationId: 'logout', method: 'POST', route: '/auth/logout', access: 'agent', ok: 204, endsSession: true },
  { operationId: 'me', method: 'GET', route: '/auth/me', access: 'agent', ok: 200 },
  { operationId: 'listUsers', method: 'GET', route: '/users', access: 'agent', ok: 200 },
  { operationId: 'exportMessages', method: 'GET', route: '/exports/messages.csv', access: 'manager', ok: 200 },
  { operationId: 'exportCommitments', method: 'GET', route: '/exports/commitments.csv', access: 'manager', ok: 200 },
  {
    operationId: 'statsOverview',
    method: 'GET',
    route: '/stats/overview',
    access: 'manager',
    ok: 200,
    prepare: async () => ({ query: '?from=2026-01-01&to=2026-03-31' }),
  },
  {
    operationId: 'customerWords',
    method: 'GET',
    route: '/stats/words',
    access: 'manager',
    ok: 200,
    prepare: async () => ({ query: '?from=2026-01-01&to=2026-03-31' }),
  },
  {
    operationId: 'createUser',
    method: 'POST',
    route: '/users',
    access: 'admin',
    ok: 201,
    prepare: async () => ({ body: { email: `new-${unique()}@example.org`, name: 'Nouveau', role: 'agent' } }),
  },
  {
    operationId: 'updateUser',
    method: 'PATCH',
    route: '/users/:id',
    access: 'admin',
    ok: 200,
    prepare: async (fixtures) => ({ params: { id: await user(fixtures) }, body: { name: 'Renommé' } }),
  },
  {
    operationId: 'createPasswordLink',
    method: 'POST',
    route: '/users/:id/password-link',
    access: 'admin',
    ok: 201,
    prepare: async (fixtures) => ({ params: { id: await user(fixtures) } }),
  },
  {
    operationId: 'listMessages',
    method: 'GET',
    route: '/messages',
    access: 'agent',
    ok: 200,
    prepare: async () => ({ query: '?view=all&limit=5' }),
  },
  { operationId: 'countMessages', method: 'GET', route: '/messages/counts', access: 'agent', ok: 200 },
  { operationId: 'listTags', method: 'GET', route: '/tags', access: 'agent', ok: 200 },
  { operationId: 'streamEvents', method: 'GET', route: '/events', access: 'agent', ok: 200, streams: true },
  {
    operationId: 'getMessage',
    method: 'GET',
    route: '/messages/:id',
    access: 'agent',
    ok: 200,
    prepare: onMessage(unansweredMessage),
  },
  {
    operationId: 'replyToMessage',
    method: 'POST',
    route: '/messages/:id/replies',
    access: 'agent',
    ok: 201,
    prepare: onMessage(unansweredMessage, { body: 'Bonjour Client, voici notre réponse.' }),
  },
  { operationId: 'listPresence', method: 'GET', route: '/messages/presence', access: 'agent', ok: 200 },
  {
    operationId: 'markPresence',
    method: 'PUT',
    route: '/messages/:id/presence',
    access: 'agent',
    ok: 200,
    prepare: onMessage(unansweredMessage, { state: 'viewing' }),
  },
  {
    operationId: 'endPresence',
    method: 'DELETE',
    route: '/messages/:id/presence',
    access: 'agent',
    ok: 204,
    prepare: onMessage(unansweredMessage),
  },
  {
    operationId: 'addNote',
    method: 'POST',
    route: '/messages/:id/notes',
    access: 'agent',
    ok: 201,
    prepare: onMessage(unansweredMessage, { body: 'Note interne' }),
  },
  {
    operationId: 'setTags',
    method: 'PUT',
    route: '/messages/:id/tags',
    access: 'agent',
    ok: 200,
    prepare: onMessage(unansweredMessage, { tags: ['urgent'] }),
  },
  {
    operationId: 'moveMessage',
    method: 'PATCH',
    route: '/messages/:id',
    access: 'agent',
    ok: 200,
    prepare: async (fixtures) => ({
      ...(await onMessage(unansweredMessage)(fixtures)),
      body: { teamId: await team(fixtures), assigneeId: fixtures.admin.user.id, reason: 'Pour essayer' },
    }),
  },
  {
    operationId: 'markSpam',
    method: 'POST',
    route: '/messages/:id/spam',
    access: 'agent',
    ok: 200,
    prepare: onMessage(unansweredMessage),
  },
  {
    operationId: 'unmarkSpam',
    method: 'POST',
    route: '/messages/:id/not-spam',
    access: 'agent',
    ok: 200,
    prepare: onMessage(spamMessage),
  },
  {
    operationId: 'listCommitments',
    method: 'GET',
    route: '/commitments',
    access: 'agent',
    ok: 200,
    prepare: async () => ({ query: '?status=overdue&owner=me' }),
  },
  {
    operationId: 'fulfilCommitment',
    method: 'POST',
    route: '/commitments/:id/fulfil',
    access: 'agent',
    ok: 200,
    prepare: onCommitment({ outcome: 'Fait.' }),
  },
  {
    operationId: 'dropCommitment',
    method: 'POST',
    route: '/commitments/:id/drop',
    access: 'agent',
    ok: 200,
    prepare: onCommitment({ reason: 'Plus nécessaire.' }),
  },
  { operationId: 'listTemplates', method: 'GET', route: '/templates', access: 'agent', ok: 200 },
  {
    operationId: 'setAvailability',
    method: 'PUT',
    route: '/me/availability',
    access: 'agent',
    ok: 200,
    prepare: async () => ({ body: { available: true } }),
  },
  {
    operationId: 'updateProfile',
    method: 'PATCH',
    route: '/me',
    access: 'agent',
    ok: 200,
    prepare: async () => ({ body: { locale: 'en' } }),
  },
  { operationId: 'listTeams', method: 'GET', route: '/teams', access: 'agent', ok: 200 },
  {
    operationId: 'createTeam',
    method: 'POST',
    route: '/teams',
    access: 'admin',
    ok: 201,
    prepare: async () => ({ body: { name: `Équipe ${unique()}` } }),
  },
  {
    operationId: 'updateTeam',
    method: 'PATCH',
    route: '/teams/:id',
    access: 'admin',
    ok: 200,
    prepare: async (fixtures) => ({ params: { id: await team(fixtures) }, body: { firstReplyTargetMinutes: 30 } }),
  },
  {
    operationId: 'addTeamMember',
    method: 'POST',
    route: '/teams/:id/members',
    access: 'admin',
    ok: 200,
    prepare: async (fixtures) => ({ params: { id: await team(fixtures) }, body: { userId: await user(fixtures) } }),
  },
  {
    operationId: 'removeTeamMember',
    method: 'DELETE',
    route: '/teams/:id/members/:userId',
    access: 'admin',
    ok: 200,
    prepare: async (fixtures) => {
      const [id, userId] = [await team(fixtures), await user(fixtures)];
      await fixtures.admin.request('POST', `/api/v1/teams/${id}/members`, { userId });
      return { params: { id, userId } };
    },
  },
  { operationId: 'listRoutingRules', method: 'GET', route: '/routing-rules', access: 'agent', ok: 200 },
  {
    operationId: 'createRoutingRule',
    method: 'POST',
    route: '/routing-rules',
    access: 'manager',
    ok: 201,
    prepare: async () => ({ body: RULE }),
  },
  {
    operationId: 'updateRoutingRule',
    method: 'PUT',
    route: '/routing-rules/:id',
    access: 'manager',
    ok: 200,
    prepare: async (fixtures) => ({ params: { id: await routingRule(fixtures) }, body: { ...RULE, stop: true } }),
  },
  {
    operationId: 'deleteRoutingRule',
    method: 'DELETE',
    route: '/routing-rules/:id',
    access: 'manager',
    ok: 204,
    prepare: async (fixtures) => ({ params: { id: await routingRule(fixtures) } }),
  },
  {
    operationId: 'previewRoutingRules',
    method: 'POST',
    route: '/routing-rules/preview',
    access: 'manager',
    ok: 200,
    prepare: async () => ({ body: { rule: RULE } }),
  },
  {
    operationId: 'createTemplate',
    method: 'POST',
    route: '/templates',
    access: 'manager',
    ok: 201,
    prepare: async () => ({ body: { name: `Modèle ${unique()}`, body: 'Bonjour {{customer.name}}.', locale: 'fr' } }),
  },
  {
    operationId: 'updateTemplate',
    method: 'PATCH',
    route: '/templates/:id',
    access: 'manager',
    ok: 200,
    prepare: async (fixtures) => ({ params: { id: await template(fixtures) }, body: { body: 'Bonjour à vous.' } }),
  },
  {
    operationId: 'deleteTemplate',
    method: 'DELETE',
    route: '/templates/:id',
    access: 'manager',
    ok: 204,
    prepare: async (fixtures) => ({ params: { id: await template(fixtures) } }),
  },
  { operationId: 'listCustomerDays', method: 'GET', route: '/reports/customer-days', access: 'manager', ok: 200 },
  {
    operationId: 'getCustomerDayReport',
    method: 'GET',
    route: '/reports/customer-days/:date',
    access: 'manager',
    ok: 200,
    prepare: async () => ({ params: { date: nextCustomerDay(new Date()) } }),
  },
  {
    operationId: 'publishCustomerDay',
    method: 'POST',
    route: '/reports/customer-days/:date/publication',
    access: 'manager',
    ok: 201,
    prepare: async (fixtures) => ({ params: { date: unpublishedCustomerDay(fixtures) }, body: {} }),
  },
  {
    operationId: 'listCustomerDayShares',
    method: 'GET',
    route: '/reports/customer-days/:date/shares',
    access: 'manager',
    ok: 200,
    prepare: async () => ({ params: { date: nextCustomerDay(new Date()) } }),
  },
  {
    operationId: 'shareCustomerDay',
    method: 'POST',
    route: '/reports/customer-days/:date/shares',
    access: 'manager',
    ok: 201,
    prepare: async (fixtures) => ({ params: { date: await publishedCustomerDay(fixtures) } }),
  },
  {
    operationId: 'revokeCustomerDayShare',
    method: 'DELETE',
    route: '/reports/customer-day-shares/:id',
    access: 'manager',
    ok: 204,
    prepare: async (fixtures) => ({ params: { id: await customerDayShare(fixtures) } }),
  },
  {
    operationId: 'getCustomerDayPin',
    method: 'GET',
    route: '/messages/:id/customer-day-pin',
    access: 'manager',
    ok: 200,
    prepare: onMessage(unansweredMessage),
  },
  {
    operationId: 'pinForCustomerDay',
    method: 'PUT',
    route: '/messages/:id/customer-day-pin',
    access: 'manager',
    ok: 200,
    prepare: onMessage(unansweredMessage, { note: 'À lire le jour J' }),
  },
  {
    operationId: 'unpinForCustomerDay',
    method: 'DELETE',
    route: '/messages/:id/customer-day-pin',
    access: 'manager',
    ok: 204,
    prepare: onMessage(unansweredMessage),
  },
  { operationId: 'listDigestSubscribers', method: 'GET', route: '/digests', access: 'manager', ok: 200 },
  {
    operationId: 'addDigestSubscriber',
    method: 'POST',
    route: '/digests',
    access: 'manager',
    ok: 201,
    prepare: async () => ({ body: { email: `digest-${unique()}@example.org`, locale: 'fr', tag: 'urgent' } }),
  },
  {
    operationId: 'removeDigestSubscriber',
    method: 'DELETE',
    route: '/digests/:id',
    access: 'manager',
    ok: 204,
    prepare: async (fixtures) => ({ params: { id: await digestSubscriber(fixtures) } }),
  },
  // Read with the link's token alone: tests/api/customer-day.test.ts.
  {
    operationId: 'getSharedCustomerDayReport',
    method: 'GET',
    route: '/shared-reports/:token',
    access: 'public',
    ok: 200,
  },
];

const GUARDED = ENDPOINTS.filter((endpoint) => endpoint.access !== 'public');
const CHANGING = GUARDED.filter((endpoint) => endpoint.method !== 'GET');
const allows = (role: Role, needed: Role) => ROLES.indexOf(role) >= ROLES.indexOf(needed);

function pathOf(endpoint: Endpoint, prepared: PreparedRequest): string {
  const path = endpoint.route.replace(/:(\w+)/g, (_, name: string) => {
    const value = prepared.params?.[name];
    if (!value) throw new Error(`${endpoint.operationId}: no value for :${name}`);
    return value;
  });
  return `/api/v1${path}${prepared.query ?? ''}`;
}

describe.each(databaseKinds)('authorization on %s', (kind) => {
  let ecoute: RunningApp;
  let fixtures: Fixtures;
  const clients = {} as Record<Role, AgentClient>;
  const credentials = {} as Record<Role, { email: string; password: string }>;

  beforeAll(async () => {
    // Trusting the loopback proxy gives each sign-in its own client IP, clear of the sign-in limit.
    ecoute = await startApp(kind, { ECOUTE_TRUST_PROXY: '127.0.0.1' });
    clients.admin = await signIn(ecoute.url, ADMIN, fromNewClientIp());
    credentials.admin = ADMIN;
    for (const role of ['agent', 'manager'] as const) {
      const email = `${role}@example.org`;
      clients[role] = await createAgent(
        ecoute.url,
        clients.admin,
        { email, name: `Un ${role}`, role },
        fromNewClientIp(),
      );
      credentials[role] = { email, password: `password of ${email}` };
    }
    fixtures = { url: ecoute.url, admin: clients.admin };
  });
  afterAll(() => ecoute.close());

  /** Everything a refused request might have touched, as the admin reads it. */
  async function snapshot(messageId?: string) {
    const reads = ['/users', '/templates', '/messages/counts', '/commitments', '/tags', '/auth/me'];
    if (messageId) reads.push(`/messages/${messageId}`);
    return Promise.all(
      reads.map(async (path) => {
        const response = await clients.admin.request('GET', `/api/v1${path}`);
        return { path, status: response.status, json: response.json };
      }),
    );
  }

  const titled = (endpoints: Endpoint[]) =>
    endpoints.map((endpoint) => [`${endpoint.method} ${endpoint.route} (${endpoint.operationId})`, endpoint] as const);

  describe.each(titled(GUARDED))('%s', (_, endpoint) => {
    // Refused requests share one target, read back after each refusal; allowed ones get a fresh one.
    let target: PreparedRequest;
    let before: Awaited<ReturnType<typeof snapshot>>;
    beforeAll(async () => {
      target = (await endpoint.prepare?.(fixtures)) ?? {};
      before = await snapshot(target.messageId);
    });

    it('anonymous → 401, nothing changed', async () => {
      const response = await call(ecoute.url, endpoint.method, pathOf(endpoint, target), target.body);
      expectApiError(response, 401, 'unauthenticated');
      expect(await snapshot(target.messageId)).toEqual(before);
    });

    it.each(ROLES)(`%s → ${endpoint.ok} when the role is at least ${endpoint.access}, else 403`, async (role) => {
      if (!allows(role, endpoint.access as Role)) {
        expectApiError(
          await clients[role].request(endpoint.method, pathOf(endpoint, target), target.body),
          403,
          'forbidden',
        );
        expect(await snapshot(target.messageId)).toEqual(before);
        return;
      }
      const prepared = (await endpoint.prepare?.(fixtures)) ?? {};
      const client = endpoint.endsSession
        ? await signIn(ecoute.url, credentials[role], fromNewClientIp())
        : clients[role];
      if (endpoint.streams) {
        const stream = new AbortController();
        const response = await fetch(`${ecoute.url}${pathOf(endpoint, prepared)}`, {
          headers: { cookie: client.cookie },
          signal: stream.signal,
        });
        stream.abort();
        expect(response.status).toBe(endpoint.ok);
        return;
      }
      const response = await client.request(endpoint.method, pathOf(endpoint, prepared), prepared.body);
      expect({ status: response.status, json: response.json }).toMatchObject({ status: endpoint.ok });
    });
  });

  describe.each(titled(CHANGING))('CSRF on %s', (_, endpoint) => {
    let target: PreparedRequest;
    let before: Awaited<ReturnType<typeof snapshot>>;
    beforeAll(async () => {
      target = (await endpoint.prepare?.(fixtures)) ?? {};
      before = await snapshot(target.messageId);
    });
    const wrongTokens: Array<[string, () => Record<string, string>]> = [
      ['no x-csrf-token', () => ({})],
      ['an empty x-csrf-token', () => ({ 'x-csrf-token': '' })],
      ['another session’s token', () => ({ 'x-csrf-token': clients.agent.csrfToken })],
      [
        'the token with one character changed',
        () => {
          const token = clients.admin.csrfToken;
          return { 'x-csrf-token': token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A') };
        },
      ],
    ];
    it.each(wrongTokens)('a valid cookie with %s → 403, nothing changed', async (_, headers) => {
      const response = await call(ecoute.url, endpoint.method, pathOf(endpoint, target), target.body, {
        cookie: clients.admin.cookie,
        ...headers(),
      });
      expectApiError(response, 403, 'csrf_token_invalid');
      expect(await snapshot(target.messageId)).toEqual(before);
    });

    it('the same request with the right token goes through (the refusals were about the token)', async () => {
      const response = await clients.admin.request(endpoint.method, pathOf(endpoint, target), target.body);
      expect({ status: response.status, json: response.json }).toMatchObject({ status: endpoint.ok });
      // Logging out ended the admin's session: sign in again, in place, for the tests that follow.
      if (endpoint.endsSession) Object.assign(clients.admin, await signIn(ecoute.url, ADMIN, fromNewClientIp()));
    });
  });

  it('the OpenAPI document lists exactly these operations, each with its method, path and operationId', async () => {
    const doc = (await call(ecoute.url, 'GET', '/api/docs/json')).json;
    const agentTags = new Set([
      'auth',
      'inbox',
      'commitments',
      'templates',
      'users',
      'teams',
      'routing',
      'customer-day',
      'exports',
      'stats',
      'digests',
    ]);
    const documented: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, { operationId: string; tags?: string[] }>>(
      doc.paths,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        if (operation.tags?.some((tag) => agentTags.has(tag))) {
          documented.push(`${method.toUpperCase()} ${path} ${operation.operationId}`);
        }
      }
    }
    const expected = ENDPOINTS.map(
      (endpoint) => `${endpoint.method} /api/v1${endpoint.route.replace(/:(\w+)/g, '{$1}')} ${endpoint.operationId}`,
    );
    expect(documented.sort()).toEqual(expected.sort());
    // The guarded operations say that they need the session, and document their refusals.
    for (const endpoint of GUARDED) {
      const path = `/api/v1${endpoint.route.replace(/:(\w+)/g, '{$1}')}`;
      const responses = Object.keys(doc.paths[path][endpoint.method.toLowerCase()].responses);
      expect(responses, endpoint.operationId).toEqual(expect.arrayContaining([String(endpoint.ok), '401']));
      if (endpoint.method !== 'GET') expect(responses, endpoint.operationId).toContain('403');
    }
  });
});
