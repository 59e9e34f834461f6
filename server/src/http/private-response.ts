// Pages and answers for whoever holds a link (tracking, a shared report, a digest's unsubscribe):
// never cached by others, never indexed.
import type { FastifyReply } from 'fastify';

export function privateResponse(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow');
}
