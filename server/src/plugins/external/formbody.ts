// application/x-www-form-urlencoded, for the hosted form that works without JavaScript.
import formbody from '@fastify/formbody';
import fp from 'fastify-plugin';

export default fp(
  async (fastify) => {
    await fastify.register(formbody, { bodyLimit: fastify.initialConfig.bodyLimit });
  },
  { name: 'formbody' },
);
