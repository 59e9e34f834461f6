// Built assets, served with their gzip and brotli copies when the client takes them: the widget, the
// agent SPA, and the stylesheet of our own pages.
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { pagesAssetsDir, spaDir, widgetDir } from '../../paths.ts';

export default fp(
  async (fastify) => {
    for (const built of [`${widgetDir}/embed.js`, `${spaDir}/index.html`]) {
      if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first.`);
    }
    await fastify.register(fastifyStatic, {
      root: [widgetDir, pagesAssetsDir, spaDir],
      serve: false,
      preCompressed: true,
      maxAge: '5m',
    });
  },
  { name: 'static' },
);
