// Built assets: the widget (with its precompressed copies) and the stylesheet of our own pages.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

export const widgetDir = fileURLToPath(new URL('../../../../web/dist', import.meta.url));
export const spaDir = fileURLToPath(new URL('../../../../web/dist/app', import.meta.url));
export const pagesAssetsDir = fileURLToPath(new URL('../../pages/assets', import.meta.url));

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
