// An agent talking to a running Ecoute like the SPA does: the session cookie, and the CSRF token on
// every request that changes something.
export const ADMIN = { email: 'admin@localhost', password: 'correct horse battery' };

export interface AgentResponse {
  status: number;
  headers: Headers;
  json: any;
}

export interface AgentClient {
  csrfToken: string;
  user: { id: string; name: string; role: string };
  cookie: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<AgentResponse>;
}

export async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<AgentResponse> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json };
}

export async function signIn(
  url: string,
  credentials: { email: string; password: string } = ADMIN,
  headers: Record<string, string> = {},
): Promise<AgentClient> {
  const login = await call(url, 'POST', '/api/v1/auth/login', credentials, headers);
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${JSON.stringify(login.json)}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken, user } = login.json;
  return {
    csrfToken,
    user,
    cookie,
    request: (method, path, body, headers = {}) =>
      call(url, method, path, body, {
        cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
        ...headers,
      }),
  };
}

let lastClientIp = 0;
/**
 * Headers that make a request come from a client IP of its own, for an app started with
 * ECOUTE_TRUST_PROXY=127.0.0.1: sign-ins from different IPs do not share the sign-in rate limit.
 */
export const fromNewClientIp = () => ({
  'x-forwarded-for': `198.51.${100 + Math.floor(++lastClientIp / 250)}.${lastClientIp % 250}`,
});

/** The password `createAgent` chooses for a user. */
export const passwordOf = (email: string) => `password of ${email}`;

/** Creates a user with a role through the admin API and signs them in. */
export async function createAgent(
  url: string,
  admin: AgentClient,
  user: { email: string; name: string; role: 'agent' | 'manager' | 'admin' },
  headers: Record<string, string> = {},
): Promise<AgentClient> {
  const created = await admin.request('POST', '/api/v1/users', user);
  if (created.status !== 201)
    throw new Error(`user creation failed: ${created.status} ${JSON.stringify(created.json)}`);
  const token = new URL(created.json.setPasswordUrl).searchParams.get('token')!;
  const password = passwordOf(user.email);
  const set = await call(url, 'POST', '/api/v1/auth/set-password', { token, password }, headers);
  if (set.status !== 204) throw new Error(`set-password failed: ${set.status} ${JSON.stringify(set.json)}`);
  return signIn(url, { email: user.email, password }, headers);
}

/** A due date `days` from today (YYYY-MM-DD): commitments are due from today to five years ahead. */
export const dueIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
