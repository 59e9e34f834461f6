// The live inbox: one Server-Sent Events stream per signed-in agent's tab (plugins/app/live.ts
// feeds it). Headers tell proxies not to buffer or transform it; the stream ends with the session.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LAST_EVENT_ID_PATTERN, LIVE_REPLAY_LIMIT, LIVE_RETENTION_MS } from '@ecoute/shared/live-events';
import { errorResponses } from '../../http/error-responses.ts';
import type { LiveMessage } from '../../plugins/app/live.ts';

export default async function eventRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  fastify.requireRoleForAll('agent');
  // Per session, not per address: a whole office behind one address reconnects at once when a
  // process restarts. A browser reconnects about every 3 s at worst.
  const connections = fastify.limiter(
    [
      {
        name: 'event-streams-per-session',
        max: 60,
        timeWindow: 60_000,
        keyGenerator: (request) => request.agent!.tokenHash,
      },
    ],
    'Too many event streams opened: wait a minute.',
  );

  fastify.get(
    '/events',
    {
      sse: { kind: 'only' },
      preHandler: connections.hook,
      schema: {
        operationId: 'streamEvents',
        tags: ['inbox'],
        summary: 'The live inbox: what happens to messages, as it happens (Server-Sent Events)',
        description:
          'Each `change` event (`data`: `{ id, messageId, type, eventId, actorId, at }`, ids only) is numbered ' +
          'by the database, in commit order, with the SSE `id`. A reconnection sending `Last-Event-ID` first ' +
          `receives every event it missed; past ${LIVE_REPLAY_LIMIT} events, or further back than the ` +
          `${LIVE_RETENTION_MS / 3_600_000} hours kept, it receives one \`resync\` instead (refetch, then carry on). ` +
          'A new stream starts with `ready`. A comment line comes every `ECOUTE_STREAM_HEARTBEAT_S` (15 s); the ' +
          "stream ends when the session does. Colleagues' presence comes as `presence` events (no `id`: " +
          '`{ messageId, items }`, everyone on that message now, the reader included).',
        headers: Type.Object({
          'last-event-id': Type.Optional(
            Type.String({ pattern: LAST_EVENT_ID_PATTERN, description: 'The `id` of the last event received' }),
          ),
        }),
        response: {
          200: {
            description: 'The stream (`text/event-stream`)',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          ...errorResponses({
            400: 'Last-Event-ID is not the number of an event',
            401: 'Not signed in',
            406: 'The client refuses text/event-stream',
            429: 'Too many streams opened by this session; see `Retry-After`',
          }),
        },
      },
    },
    async (request, reply) => {
      const agent = request.agent!;
      const lastEventId = request.headers['last-event-id'];
      // The stream is written directly: hooks that set headers on sending (onSend) do not run.
      reply.header('x-request-id', request.id);
      reply.header('cache-control', 'no-cache, no-transform');
      reply.sse.keepAlive();
      reply.sse.sendHeaders();
      // While the client is slow to read, events wait here, written as it drains (in order).
      const waiting: LiveMessage[] = [];
      const flush = () => {
        while (waiting.length > 0 && !reply.raw.writableNeedDrain) {
          void reply.sse.send(waiting.shift()!).catch(() => {});
        }
        if (waiting.length > 0) reply.raw.once('drain', flush);
      };
      const unsubscribe = await fastify.live.open(
        {
          viewer: { id: agent.user.id, role: agent.user.role },
          sessionHash: agent.tokenHash,
          write: (message) => {
            if (waiting.push(message) === 1) flush();
          },
          waiting: () => waiting.length,
          close: () => reply.sse.close(),
        },
        lastEventId === undefined ? undefined : Number(lastEventId),
      );
      // The client may have gone while its missed events were read.
      if (reply.sse.isConnected) reply.sse.onClose(unsubscribe);
      else unsubscribe();
    },
  );
}
