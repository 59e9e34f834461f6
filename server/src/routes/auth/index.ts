// Signing in and out, who am I, and choosing a password through a one-time link.
import { hash, verify } from '@node-rs/argon2';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LoginSchema, SessionSchema, SetPasswordSchema, type Login } from '@ecoute/shared/agent-contract';
import { findUserByEmail, setPasswordWithToken, toApiUser } from '../../db/users.repo.ts';
import { HttpError } from '../../plugins/app/errors.ts';
import { hashPasswordToken } from '../../security/secrets.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { countAccountFailure, SIGN_IN_FAILURE_WINDOW_MS, waitForAccount } from './sign-in-delay.ts';

/** The account a sign-in tries: the email as sign-in matches it (trimmed, any case). */
function accountKey(body: unknown): string {
  return (body as Login).email.trim().toLowerCase();
}

export default async function authRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  // Unknown emails are checked against this, so that they take as long as wrong passwords.
  const decoyHash = await hash('decoy password that matches nothing');
  // Only failed sign-ins count, so that signing in as often as work needs never locks anyone out.
  // Refused (429) after 50 failures from one client IP (generous: an office behind one address
  // shares it) or 10 for one account from one address. Failures on an account from any address
  // only slow its sign-ins down (sign-in-delay.ts): knowing someone's email is not enough to lock
  // them out. Unknown emails count alike: neither a 429 nor a wait says whether one exists.
  const failedSignIns = fastify.limiter(
    [
      { name: 'sign-in-failures-per-ip', max: 50, timeWindow: SIGN_IN_FAILURE_WINDOW_MS },
      {
        name: 'sign-in-failures-per-account-and-ip',
        max: 10,
        timeWindow: SIGN_IN_FAILURE_WINDOW_MS,
        keyGenerator: (request) => `${accountKey(request.body)} ${normalizeIP(request.ip)}`,
      },
    ],
    'Too many failed sign-ins: wait a few minutes and try again.',
  );
  // Choosing a password has its own budget: it spends no sign-ins, and sign-ins spend none of it.
  const setPasswordsPerIp = fastify.limiter(
    [{ name: 'set-password-per-ip', max: 30, timeWindow: 10 * 60_000 }],
    'Too many attempts from this address: wait a few minutes and try again.',
  );

  fastify.post(
    '/auth/login',
    {
      // Before the password is checked, once the body is parsed and valid.
      preHandler: failedSignIns.guard,
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Sign in',
        description:
          'Sets an HttpOnly session cookie and returns the CSRF token to send as `x-csrf-token`. ' +
          'After 50 failed attempts in 10 minutes from one address, or 10 for one account from one address, ' +
          'sign-in from that address waits (429). After 5 failed attempts on an account from any addresses, ' +
          'each sign-in to it is answered later (up to 2 s), but never refused.',
        body: LoginSchema,
        response: {
          200: SessionSchema,
          ...errorResponses({
            400: 'Invalid fields',
            401: 'Wrong email or password',
            429: 'Too many failed attempts from this address, or for this account from this address; see `Retry-After`',
          }),
        },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const account = accountKey(request.body);
      await waitForAccount(fastify.db, account);
      const user = await findUserByEmail(fastify.db, email);
      const usable = user?.active && user.passwordHash ? user : undefined;
      const valid = await verify(usable?.passwordHash ?? decoyHash, password);
      if (!usable || !valid) {
        await Promise.all([failedSignIns.exceeded(request), countAccountFailure(fastify.db, account)]);
        throw new HttpError(401, 'invalid_credentials', 'Wrong email or password.');
      }
      const { csrfToken } = await fastify.startSession(reply, usable);
      return reply.header('cache-control', 'no-store').send({ user: toApiUser(usable), csrfToken });
    },
  );

  fastify.post(
    '/auth/logout',
    {
      onRequest: fastify.requireRole('agent'),
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        summary: 'Sign out (ends this session on the server)',
        response: { 204: { type: 'null' }, ...errorResponses({ 401: 'Not signed in', 403: 'Missing CSRF token' }) },
      },
    },
    async (request, reply) => {
      await fastify.endSession(request, reply);
      return reply.code(204).send(null);
    },
  );

  fastify.get(
    '/auth/me',
    {
      onRequest: fastify.requireRole('agent'),
      schema: {
        operationId: 'me',
        tags: ['auth'],
        summary: 'The signed-in user and the CSRF token',
        response: { 200: SessionSchema, ...errorResponses({ 401: 'Not signed in' }) },
      },
    },
    async (request, reply) => {
      const agent = request.agent!;
      return reply
        .header('cache-control', 'no-store')
        .send({ user: toApiUser(agent.user), csrfToken: agent.csrfToken });
    },
  );

  fastify.post(
    '/auth/set-password',
    {
      onRequest: setPasswordsPerIp.hook,
      schema: {
        operationId: 'setPassword',
        tags: ['auth'],
        summary: 'Choose a password with a one-time link',
        description:
          'Spends the link and signs the user out of every session. At most 30 attempts per 10 minutes from ' +
          'one address, counted apart from sign-ins.',
        body: SetPasswordSchema,
        response: {
          204: { type: 'null' },
          ...errorResponses({
            400: 'Invalid fields, or a link that is unknown, used or expired',
            429: 'Too many attempts from this address; see `Retry-After`',
          }),
        },
      },
    },
    async (request, reply) => {
      const { token, password } = request.body;
      const done = await setPasswordWithToken(fastify.db, hashPasswordToken(token), await hash(password));
      if (!done) throw new HttpError(400, 'link_invalid', 'This link is unknown, already used or expired.');
      return reply.code(204).send(null);
    },
  );
}
