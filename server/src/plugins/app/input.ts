// What every request's input goes through before its route sees it: bodies come uncompressed
// (anything else is a 415), and NUL characters, which no text needs and PostgreSQL cannot store or
// even compare, are removed from every string of the query and the body. A body over the limit gets
// its 413 once the client has finished sending it (within bounds), so that the client can read it.
import type { IncomingMessage } from 'node:http';
import fp from 'fastify-plugin';
import { HttpError } from './errors.ts';

/** No request of ours nests deeper than a few levels: far deeper is refused, not walked. */
const MAX_DEPTH = 32;

function withoutNul(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  // Raw bytes (the inbound mail webhook's body) are not text: they are kept as they came.
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
  if (depth >= MAX_DEPTH) throw new HttpError(400, 'invalid_request', 'The request is nested too deeply.');
  if (Array.isArray(value)) return value.map((item) => withoutNul(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutNul(item, depth + 1)]));
}

/** What is read and thrown away of an oversized body before answering: past that, the answer and a close. */
const DISCARD_BYTES = 32 * 1024 * 1024;
const DISCARD_MS = 10_000;

/**
 * Reads the rest of a body nobody will use, up to the bounds. Answering while the client still
 * sends makes the server close on it, and most clients (Node's fetch, browsers) then report the
 * reset instead of the answer. Resolves to whether the whole body arrived.
 */
function discardRest(raw: IncomingMessage): Promise<boolean> {
  if (raw.complete || raw.destroyed) return Promise.resolve(raw.complete);
  return new Promise((resolve) => {
    let read = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.off('data', onData).off('end', finish).off('error', finish).off('close', finish);
      raw.pause();
      resolve(raw.complete);
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > DISCARD_BYTES) finish();
    };
    const timer = setTimeout(finish, DISCARD_MS);
    raw.on('data', onData).once('end', finish).once('error', finish).once('close', finish);
    raw.resume();
  });
}

export default fp(
  async (fastify) => {
    fastify.addHook('onRequest', async (request) => {
      const encoding = request.headers['content-encoding'];
      if (encoding && encoding.toLowerCase() !== 'identity') {
        throw new HttpError(415, 'unsupported_media_type', 'Send the body uncompressed, without Content-Encoding.');
      }
    });
    fastify.addHook('onSend', async (request, reply) => {
      if (reply.statusCode !== 413 || request.raw.complete) return;
      // Fastify closes the connection after a body it stopped reading; read to the end, it can stay open.
      if (await discardRest(request.raw)) reply.removeHeader('connection');
    });
    fastify.addHook('preValidation', async (request) => {
      request.query = withoutNul(request.query);
      request.body = withoutNul(request.body);
    });
  },
  { name: 'input' },
);
