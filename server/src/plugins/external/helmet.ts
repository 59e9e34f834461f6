// Security headers with a strict CSP: our pages load only our own scripts and styles.
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

export default fp(
  async (fastify) => {
    await fastify.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
        },
      },
      // Tracking links are secrets: never leak them to other sites through the Referer header.
      referrerPolicy: { policy: 'no-referrer' },
    });
  },
  { name: 'helmet' },
);
