// What every request's input goes through before its route sees it: bodies come uncompressed
// (anything else is a 415), and NUL characters, which no text needs and PostgreSQL cannot store or
// even compare, are removed from every string of the query and the body.
import fp from 'fastify-plugin';
import { HttpError } from './errors.ts';

/** No request of ours nests deeper than a few levels: far deeper is refused, not walked. */
const MAX_DEPTH = 32;

function withoutNul(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) throw new HttpError(400, 'invalid_request', 'The request is nested too deeply.');
  if (Array.isArray(value)) return value.map((item) => withoutNul(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutNul(item, depth + 1)]));
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
