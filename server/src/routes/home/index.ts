// The home page until the agent app arrives: where to find the hosted form and the API.
import type { FastifyInstance } from 'fastify';
import { html } from '../../pages/html.ts';
import { layout } from '../../pages/layout.ts';

export default async function homeRoutes(fastify: FastifyInstance) {
  fastify.get('/', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(
      layout({
        locale: 'en',
        title: 'Ecoute',
        body: html`<h1>Ecoute</h1>
          <p>Every customer message gets an answer.</p>
          <ul>
            <li><a href="/f/demo">The demo form</a> (works without JavaScript)</li>
            <li>
              Embed it on any page:
              <code
                >&lt;script src="${fastify.config.publicUrl}/embed.js" async&gt;&lt;/script&gt; &lt;ecoute-form
                form="demo"&gt;&lt;/ecoute-form&gt;</code
              >
            </li>
            <li><a href="/api/docs">API documentation</a></li>
          </ul>`,
      }),
    ),
  );
}
