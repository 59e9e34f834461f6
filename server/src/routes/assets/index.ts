// Static assets: the embeddable widget (loaded by third-party pages, so cross-origin by design and
// precompressed) and the stylesheet of our server-rendered pages.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { pagesAssetsDir, widgetDir } from '../../paths.ts';

export default async function assetRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  fastify.get('/embed.js', { schema: { hide: true } }, (_request, reply) =>
    reply
      // Helmet's same-origin default would stop other sites from loading the script at all.
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*')
      .sendFile('embed.js', widgetDir),
  );
  // A form's accent for the hosted form (pages.css reads --accent): any valid colour, cacheable for good.
  fastify.get(
    '/assets/accent/:hex.css',
    {
      schema: {
        hide: true,
        params: Type.Object({ hex: Type.String({ pattern: '^(?:[0-9a-f]{3}){1,2}$' }) }),
      },
    },
    (request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(`:root{--accent:#${request.params.hex}}\n`),
  );
  fastify.get('/assets/pages.css', { schema: { hide: true } }, (_request, reply) =>
    reply.sendFile('pages.css', pagesAssetsDir),
  );
  fastify.get('/assets/customer-day.css', { schema: { hide: true } }, (_request, reply) =>
    reply.sendFile('customer-day.css', pagesAssetsDir),
  );
}
