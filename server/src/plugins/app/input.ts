// What every request's input goes through before its route sees it: bodies come uncompressed
// (anything else is a 415), and NUL characters, which no text needs and PostgreSQL cannot store or
// even compare, are removed from every string of the query and the body.
import fp from 'fastify-plugin';
import { HttpError } from './errors.ts';

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutNul(item)]));
  }
  return value;
}

export default fp(
  async (fastify) => {
    fastify.addHook('onRequest', async (request) => {
      const encoding = request.headers['content-encoding'];
      if (encoding && encoding.toLowerCase() !== 'identity') {
        throw new HttpError(415, 'unsupported_media_type', 'Send the body uncompressed, without Content-Encoding.');
      }
    });
    fastify.addHook('preValidation', async (request) => {
      request.query = withoutNul(request.query);
      request.body = withoutNul(request.body);
    });
  },
  { name: 'input' },
);
