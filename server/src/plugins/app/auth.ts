// Who is asking: the session cookie names a server-side session; `fastify.requireRole(role)` guards
// a route (401 without a live session, 403 without the role or, on a request that changes
// something, without the session's CSRF token).
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { hasRole, type Role } from '@ecoute/shared/agent-contract';
import type { User } from '../../db/schema/index.ts';
import { createSession, deleteSession, extendSession, findSession } from '../../db/users.repo.ts';
import { hashSessionToken, newSecret } from '../../security/secrets.ts';
import { HttpError } from './errors.ts';

export const SESSION_COOKIE = 'ecoute_session';
/** Idle sessions end after this long; each use pushes the end back (at most once a minute). */
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Agent {
  user: User;
  csrfToken: string;
  tokenHash: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    requireRole(role: Role): onRequestHookHandler;
    /** Guards every route of this plugin with requireRole(role). */
    requireRoleForAll(role: Role): void;
    /** Guards every route of this plugin with requireRole(role). */
    requireRoleForAll(role: Role): void;
    startSession(reply: FastifyReply, user: User): Promise<{ csrfToken: string }>;
    endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
  interface FastifyRequest {
    agent: Agent | null;
  }
}

/** The role a guard from requireRole asks for: the OpenAPI document says it, from the guard itself. */
const REQUIRED_ROLE = Symbol('requiredRole');
type Guard = onRequestHookHandler & { [REQUIRED_ROLE]?: Role };

/**
 * A guarded operation says in the OpenAPI document what it needs: the session, the CSRF token when
 * it changes something, and the role.
 */
function documentGuard(route: RouteOptions, role: Role): void {
  // A GET's automatic HEAD twin shares its schema: said once is enough.
  if (!route.schema || route.method === 'HEAD') return;
  const writes = [route.method].flat().some((method) => !SAFE_METHODS.has(method));
  route.schema.security = [writes ? { session: [], csrf: [] } : { session: [] }];
  route.schema.description = [route.schema.description, `Needs the \`${role}\` role.`].filter(Boolean).join('\n\n');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export default fp(
  async (fastify) => {
    await fastify.register(cookie);
    const secure = fastify.config.publicUrl.startsWith('https:');
    const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure } as const;
    fastify.decorateRequest('agent', null);

    async function loadAgent(request: FastifyRequest): Promise<Agent | null> {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return null;
      const tokenHash = hashSessionToken(token);
      const session = await findSession(fastify.db, tokenHash);
      if (!session) return null;
      if (session.expiresAt.getTime() - Date.now() < SESSION_TTL_MS - 60_000) {
        await extendSession(fastify.db, tokenHash, new Date(Date.now() + SESSION_TTL_MS));
      }
      return { user: session.user, csrfToken: session.csrfToken, tokenHash };
    }

    fastify.decorate('requireRole', (role: Role): onRequestHookHandler => {
      const guard: Guard = async (request) => {
        const agent = await loadAgent(request);
        if (!agent) throw new HttpError(401, 'unauthenticated', 'Sign in to continue.');
        if (!SAFE_METHODS.has(request.method)) {
          const given = request.headers['x-csrf-token'];
          if (typeof given !== 'string' || !sameSecret(given, agent.csrfToken)) {
            throw new HttpError(403, 'csrf_token_invalid', 'Missing or wrong x-csrf-token header.');
          }
        }
        if (!hasRole(agent.user.role, role)) {
          throw new HttpError(403, 'forbidden', `This needs the ${role} role.`);
        }
        request.agent = agent;
      };
      guard[REQUIRED_ROLE] = role;
      return guard;
    });

    fastify.decorate('requireRoleForAll', function (this: FastifyInstance, role: Role) {
      this.addHook('onRequest', this.requireRole(role));
      this.addHook('onRoute', (route) => documentGuard(route, role));
    });
    fastify.addHook('onRoute', (route) => {
      const guard = [route.onRequest ?? []].flat().find((hook): hook is Guard => REQUIRED_ROLE in hook);
      if (guard) documentGuard(route, guard[REQUIRED_ROLE]!);
    });

    fastify.decorate('startSession', async (reply: FastifyReply, user: User) => {
      const token = newSecret();
      const csrfToken = newSecret();
      const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
      await createSession(fastify.db, { tokenHash: hashSessionToken(token), userId: user.id, csrfToken, expiresAt });
      reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      return { csrfToken };
    });

    fastify.decorate('endSession', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.agent) await deleteSession(fastify.db, request.agent.tokenHash);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
    });
  },
  { name: 'auth', dependencies: ['database'] },
);
