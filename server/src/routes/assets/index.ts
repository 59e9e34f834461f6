// Static assets: the embeddable widget (loaded by third-party pages, so cross-origin by design and
// precompressed) and the stylesheet of our server-rendered pages.
import type { FastifyInstance } from 'fastify';
import { pagesAssetsDir, widgetDir } from '../../paths.ts';

export default async function assetRoutes(fastify: FastifyInstance) {
  fastify.get('/embed.js', { schema: { hide: true } }, (_request, reply) =>
    reply
      // Helmet's same-origin default would stop other sites from loading the script at all.
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*')
      .sendFile('embed.js', widgetDir),
  );
  fastify.get('/assets/pages.css', { schema: { hide: true } }, (_request, reply) =>
    reply.sendFile('pages.css', pagesAssetsDir),
  );
}
