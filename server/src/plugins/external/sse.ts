// Server-Sent Events (routes with `sse`): the stream's headers, writes with backpressure, and a
// comment line every `heartbeatMs` so that proxies and load balancers never take the stream for idle.
import sse from '@fastify/sse';
import fp from 'fastify-plugin';

export default fp(
  async (fastify, opts: { heartbeatMs: number }) => {
    await fastify.register(sse, { heartbeatInterval: opts.heartbeatMs });
  },
  { name: 'sse' },
);
