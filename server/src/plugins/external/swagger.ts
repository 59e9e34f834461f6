// The OpenAPI document is generated from the route schemas, so it cannot drift from the code.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { ErrorSchema } from '@ecoute/shared/contract';

export default fp(
  async (fastify) => {
    fastify.addSchema(ErrorSchema);
    await fastify.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Ecoute API',
          version: '1.0.0',
          description:
            'Every customer message gets an answer. Errors always have the shape `{ error: { code, message, fields? } }`.',
        },
        servers: [{ url: fastify.config.publicUrl }],
        components: {
          securitySchemes: {
            session: {
              type: 'apiKey',
              in: 'cookie',
              name: 'ecoute_session',
              description: 'Set by `POST /api/v1/auth/login`',
            },
            inboundSecret: {
              type: 'http',
              scheme: 'bearer',
              description: '`ECOUTE_INBOUND_SECRET`: the inbound mail webhook only',
            },
            csrf: {
              type: 'apiKey',
              in: 'header',
              name: 'x-csrf-token',
              description:
                'The `csrfToken` of the session (login, `GET /api/v1/auth/me`): every request that changes something',
            },
          },
        },
        tags: [
          { name: 'customer', description: 'The public contract used by forms and tracking pages' },
          { name: 'auth', description: 'Signing in: a session cookie, and `x-csrf-token` on every non-GET request' },
          { name: 'inbox', description: 'Messages, replies, notes, tags, moves and assignment, quarantine (agents)' },
          { name: 'commitments', description: 'Follow-up commitments made in replies (agents)' },
          { name: 'templates', description: 'Reply templates (read: agents; write: managers)' },
          { name: 'users', description: 'Users and roles (write: admins); your own availability' },
          { name: 'forms', description: 'Forms: origins, acknowledgement, accent (read: managers; write: admins)' },
          { name: 'teams', description: 'Teams, their members and answer-time targets (write: admins)' },
          { name: 'routing', description: 'Routing rules, in order, and their preview (write: managers)' },
          { name: 'inbound mail', description: 'Mail that comes in: the webhook, the unmatched list (admins)' },
          { name: 'system', description: 'Operations' },
        ],
      },
    });
    await fastify.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  },
  { name: 'swagger' },
);
