// Built assets: the widget (with its precompressed copies) and the stylesheet of our own pages.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

export const widgetDir = fileURLToPath(new URL('../../../../web/dist', import.meta.url));
export const pagesAssetsDir = fileURLToPath(new URL('../../pages/assets', import.meta.url));

export default fp(
  async (fastify) => {
    if (!existsSync(`${widgetDir}/embed.js`)) {
      throw new Error(`The widget is not built (${widgetDir}/embed.js is missing): run \`npm run build\` first.`);
    }
    await fastify.register(fastifyStatic, {
      root: [widgetDir, pagesAssetsDir],
      serve: false,
      preCompressed: true,
      maxAge: '5m',
    });
  },
  { name: 'static' },
);
