// Users: everyone may list colleagues (to assign and name owners), without their emails; only admins
// see those, create and change users, and make the one-time links users choose (or reset) their
// password with.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AvailabilitySchema,
  CreatedUserSchema,
  hasRole,
  NewUserSchema,
  ProfileChangeSchema,
  UserChangeSchema,
  UserListSchema,
  UserSchema,
} from '@ecoute/shared/agent-contract';
import { createUser, listUsers, replacePasswordToken, setUserLocale, toApiUser } from '../../db/users.repo.ts';
import { HttpError } from '../../plugins/app/errors.ts';
import { changeUser } from '../../domain/change-user.ts';
import { setAvailability } from '../../domain/set-availability.ts';
import { hashPasswordToken, newSecret } from '../../security/secrets.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { IdParamsSchema } from '../../http/params.ts';

const SET_PASSWORD_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export default async function userRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();

  /** A new one-time link for a user, ending their earlier ones: the repository's answer and the URL. */
  async function newSetPasswordLink(userId: string) {
    const token = newSecret();
    const made = await replacePasswordToken(fastify.db, {
      tokenHash: hashPasswordToken(token),
      userId,
      expiresAt: new Date(Date.now() + SET_PASSWORD_LINK_TTL_MS),
    });
    return { made, setPasswordUrl: `${fastify.config.publicUrl}/set-password?token=${token}` };
  }

  fastify.get(
    '/users',
    {
      onRequest: fastify.requireRole('agent'),
      schema: {
        operationId: 'listUsers',
        tags: ['users'],
        summary: 'List users',
        description: 'Admins get every user in full; everyone else gets teammates: id, name and whether active.',
        response: { 200: UserListSchema, ...errorResponses({ 401: 'Not signed in' }) },
      },
    },
    async (request) => {
      const users = await listUsers(fastify.db);
      if (hasRole(request.agent!.user.role, 'admin')) return { items: users.map(toApiUser) };
      return { items: users.map(({ id, name, active }) => ({ id, name, active })) };
    },
  );

  fastify.put(
    '/me/availability',
    {
      onRequest: fastify.requireRole('agent'),
      schema: {
        operationId: 'setAvailability',
        tags: ['users'],
        summary: 'Say you are available or away',
        description:
          'Round-robin gives messages to available members only. Coming back, the messages that waited in your ' +
          'teams’ queues while nobody was available are handed out at once, oldest first.',
        body: AvailabilitySchema,
        response: {
          200: AvailabilitySchema,
          ...errorResponses({ 400: 'Invalid fields', 401: 'Not signed in', 403: 'Missing CSRF token' }),
        },
      },
    },
    async (request) => {
      const { available } = request.body;
      await setAvailability(fastify.db, { userId: request.agent!.user.id, available });
      return { available };
    },
  );

  fastify.patch(
    '/me',
    {
      onRequest: fastify.requireRole('agent'),
      schema: {
        operationId: 'updateProfile',
        tags: ['users'],
        summary: 'Change your own profile: the language of the interface and of the emails you get',
        body: ProfileChangeSchema,
        response: {
          200: UserSchema,
          ...errorResponses({ 400: 'Invalid fields', 401: 'Not signed in', 403: 'Missing CSRF token' }),
        },
      },
    },
    async (request) => {
      const userId = request.agent!.user.id;
      const { locale } = request.body;
      const user = locale ? await setUserLocale(fastify.db, userId, locale) : request.agent!.user;
      // The session's user was found by this request: only a user deleted meanwhile is missing.
      if (!user) throw new HttpError(401, 'unauthenticated', 'You are not signed in.');
      return toApiUser(user);
    },
  );

  fastify.post(
    '/users',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'createUser',
        tags: ['users'],
        summary: 'Create a user (admin)',
        description: 'Returns a one-time link, valid 7 days, for the new user to choose a password.',
        body: NewUserSchema,
        response: {
          201: CreatedUserSchema,
          ...errorResponses({
            400: 'Invalid fields',
            401: 'Not signed in',
            403: 'Not an admin, or missing CSRF token',
            409: 'A user with this email exists',
          }),
        },
      },
    },
    async (request, reply) => {
      const user = await createUser(fastify.db, request.body);
      if (!user) throw new HttpError(409, 'email_taken', 'A user with this email already exists.');
      const { setPasswordUrl } = await newSetPasswordLink(user.id);
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ user: toApiUser(user), setPasswordUrl });
    },
  );

  fastify.patch(
    '/users/:id',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'updateUser',
        tags: ['users'],
        summary: 'Change a user’s role, name or access (admin)',
        description:
          'Reactivating an available user hands them, at once and oldest first, the messages that waited in ' +
          'their teams’ queues while nobody was available.',
        params: IdParamsSchema,
        body: UserChangeSchema,
        response: {
          200: UserSchema,
          ...errorResponses({
            400: 'Invalid fields',
            401: 'Not signed in',
            403: 'Not an admin, or missing CSRF token',
            404: 'Unknown user',
            409: 'An admin cannot demote or deactivate themselves',
          }),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const self = request.agent!.user.id === id;
      if (self && ((request.body.role && request.body.role !== 'admin') || request.body.active === false)) {
        throw new HttpError(409, 'would_lock_out', 'You cannot demote or deactivate yourself: ask another admin.');
      }
      const user = await changeUser(fastify.db, { userId: id, change: request.body });
      if (!user) throw new HttpError(404, 'not_found', 'There is no such user.');
      return toApiUser(user);
    },
  );

  fastify.post(
    '/users/:id/password-link',
    {
      onRequest: fastify.requireRole('admin'),
      schema: {
        operationId: 'createPasswordLink',
        tags: ['users'],
        summary: 'Make a new one-time sign-in link for a user (admin)',
        description:
          'For a lost or expired link, or a forgotten password: returns a new one-time link, valid 7 days, ' +
          'and ends the user’s earlier unused links. A password already set keeps working until the link ' +
          'is used; using it signs the user out of every session.',
        params: IdParamsSchema,
        response: {
          201: CreatedUserSchema,
          ...errorResponses({
            400: 'Invalid id',
            401: 'Not signed in',
            403: 'Not an admin, or missing CSRF token',
            404: 'Unknown user',
            409: 'The user is deactivated: reactivate them first',
          }),
        },
      },
    },
    async (request, reply) => {
      const { made, setPasswordUrl } = await newSetPasswordLink(request.params.id);
      if (!made) throw new HttpError(404, 'not_found', 'There is no such user.');
      if (made === 'deactivated') {
        throw new HttpError(409, 'user_deactivated', 'This user is deactivated: reactivate them before making a link.');
      }
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ user: toApiUser(made), setPasswordUrl });
    },
  );
}
