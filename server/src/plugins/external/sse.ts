// Server-Sent Events (routes with `sse`): the stream's headers, writes with backpressure, and a
// comment line every 15 s so that proxies and load balancers never take the stream for idle.
import sse from '@fastify/sse';
import fp from 'fastify-plugin';

export default fp(
  async (fastify) => {
    await fastify.register(sse, { heartbeatInterval: 15_000 });
  },
  { name: 'sse' },
);
