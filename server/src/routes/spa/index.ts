// The agent app: one HTML page for every path the SPA's router owns, and its hashed assets.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { spaDir } from '../../paths.ts';

const APP_PATHS = [
  '/',
  '/login',
  '/set-password',
  '/inbox',
  '/inbox/*',
  '/messages/*',
  '/commitments',
  '/words',
  '/customer-days',
  '/customer-days/*',
  '/settings',
  '/settings/*',
];

/** @fastify/static would otherwise replace the Cache-Control set here with its own max-age. */
const KEEP_OUR_CACHE_CONTROL = { cacheControl: false };

export default async function spaRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const url of APP_PATHS) {
    fastify.get(url, { schema: { hide: true } }, (_request, reply) =>
      // Never cached, so that a deploy reaches everyone; the assets it names are immutable.
      reply.header('cache-control', 'no-cache').sendFile('index.html', spaDir, KEEP_OUR_CACHE_CONTROL),
    );
  }
  fastify.get(
    '/app-assets/*',
    { schema: { hide: true, params: Type.Object({ '*': Type.String({ pattern: '^[\\w.-]+$' }) }) } },
    (request, reply) =>
      reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .sendFile(request.params['*'], `${spaDir}/app-assets`, KEEP_OUR_CACHE_CONTROL),
  );
}
