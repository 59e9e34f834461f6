// The inbox and one message: reading, replying, notes, tags, assignment, quarantine, and who else is
// on it (presence). Every route needs a signed-in agent; the lifecycle refuses what the message's
// status does not allow (409).
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AgentTimelineEventSchema,
  MessageCountsSchema,
  MessageDetailSchema,
  MessageListQuerySchema,
  MessageListSchema,
  MessageMoveSchema,
  MessageSummarySchema,
  NoteInputSchema,
  PresenceInputSchema,
  PresenceListSchema,
  ReplyConflictSchema,
  ReplyInputSchema,
  ReplyResultSchema,
  StatusResultSchema,
  TagsInputSchema,
} from '@ecoute/shared/agent-contract';
import { IdempotencyKeySchema } from '@ecoute/shared/contract';
import { countMessages, listTags } from '../../db/inbox.repo.ts';
import { findPresence, type PresenceRow } from '../../db/presence.repo.ts';
import { addNote } from '../../domain/add-note.ts';
import { toAgentEvent, toCommitment, toPresence, toSummary } from '../../domain/agent-views.ts';
import { endPresence } from '../../domain/end-presence.ts';
import { listInbox } from '../../domain/list-inbox.ts';
import { markPresence } from '../../domain/mark-presence.ts';
import { moveMessage } from '../../domain/move-message.ts';
import { quarantineMessage } from '../../domain/quarantine-message.ts';
import { readMessage } from '../../domain/read-message.ts';
import { releaseMessage } from '../../domain/release-message.ts';
import { replyToMessage } from '../../domain/reply-to-message.ts';
import { setTags } from '../../domain/set-tags.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { IdParamsSchema } from '../../http/params.ts';

const READ_ERRORS = { 401: 'Not signed in' } as const;
const WRITE_ERRORS = {
  400: 'Invalid fields, listed in `fields`',
  401: 'Not signed in',
  403: 'Missing or wrong CSRF token',
  404: 'Unknown message',
} as const;

export default async function messageRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  fastify.requireRoleForAll('agent');

  fastify.get(
    '/messages',
    {
      // A query string is text and types are not coerced: the page size arrives as digits.
      preValidation: async (request) => {
        const query = request.query as { limit?: unknown };
        if (typeof query.limit === 'string' && /^\d{1,6}$/.test(query.limit)) query.limit = Number(query.limit);
      },
      schema: {
        operationId: 'listMessages',
        tags: ['inbox'],
        summary: 'List messages in a view',
        description:
          'Keyset-paginated: pass `nextCursor` back as `cursor`. `unanswered` (the default) is oldest first, ' +
          'by when the customer last wrote; the other views are newest first; with `q`, results are ranked.',
        querystring: MessageListQuerySchema,
        response: { 200: MessageListSchema, ...errorResponses({ 400: 'Invalid query or cursor', ...READ_ERRORS }) },
      },
    },
    async (request) => {
      const { view = 'unanswered', limit = 50, ...rest } = request.query;
      return listInbox(fastify.db, { ...rest, view, userId: request.agent!.user.id, limit });
    },
  );

  fastify.get(
    '/messages/counts',
    {
      schema: {
        operationId: 'countMessages',
        tags: ['inbox'],
        summary: 'How many messages each actionable view holds',
        response: { 200: MessageCountsSchema, ...errorResponses(READ_ERRORS) },
      },
    },
    async (request) => countMessages(fastify.db, request.agent!.user.id),
  );

  fastify.get(
    '/tags',
    {
      schema: {
        operationId: 'listTags',
        tags: ['inbox'],
        summary: 'Tags in use',
        response: { 200: Type.Object({ items: Type.Array(Type.String()) }), ...errorResponses(READ_ERRORS) },
      },
    },
    async () => ({ items: await listTags(fastify.db) }),
  );

  fastify.get(
    '/messages/:id',
    {
      schema: {
        operationId: 'getMessage',
        tags: ['inbox'],
        summary: 'A message, its customer’s other messages, its whole timeline and its commitments',
        params: IdParamsSchema,
        response: {
          200: MessageDetailSchema,
          ...errorResponses({ 400: 'Invalid id', 404: 'Unknown message', ...READ_ERRORS }),
        },
      },
    },
    async (request) => readMessage(fastify.db, request.params.id),
  );

  fastify.post(
    '/messages/:id/replies',
    {
      schema: {
        operationId: 'replyToMessage',
        tags: ['inbox'],
        summary: 'Reply to the customer, with follow-up commitments',
        description:
          'The reply and its commitments appear on the customer’s tracking page at once. The personalisation ' +
          'check runs on the reply: `warnings` lists what it found (an unedited template, a known name not used, ' +
          'a placeholder left in); the reply is sent regardless, the composer asks before sending. Send an ' +
          '`Idempotency-Key`: the same reply sent again with it (a lost answer) is not made twice, the first is ' +
          'answered again with `Idempotent-Replayed: true` (even when the conversation changed since). Send ' +
          '`lastSeenEventId`, the last timeline event the agent read: when the customer wrote, or a colleague ' +
          'replied, wrote a note or kept or dropped a commitment after it, nothing is sent and the answer is 409 ' +
          '`conversation_changed` with those events in `error.changes`; show them, and send again with the last ' +
          'one’s id to reply anyway. What the agent did themselves does not count. Without `lastSeenEventId` ' +
          '(older API clients) the reply is sent without this check.',
        params: IdParamsSchema,
        headers: Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKeySchema) }),
        body: ReplyInputSchema,
        response: {
          201: ReplyResultSchema,
          ...errorResponses({
            ...WRITE_ERRORS,
            400: 'Invalid fields, listed in `fields`; or `lastSeenEventId` is not an event of this message',
            422: 'The Idempotency-Key was used for another reply',
          }),
          409: ReplyConflictSchema,
        },
      },
    },
    async (request, reply) => {
      const done = await replyToMessage(fastify.db, {
        messageId: request.params.id,
        actor: request.agent!.user,
        reply: request.body,
        idempotencyKey: request.headers['idempotency-key'],
        outbox: fastify.outbox,
      });
      if (done.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send({
        event: toAgentEvent(done.event, done.message),
        commitments: done.commitments.map(toCommitment),
        status: done.status,
        warnings: done.warnings,
      });
    },
  );

  const presenceOf = (rows: PresenceRow[]) => ({
    items: rows.map(toPresence),
    refreshInS: (fastify.config.presenceTtlMs * 0.4) / 1000,
  });

  fastify.get(
    '/messages/presence',
    {
      schema: {
        operationId: 'listPresence',
        tags: ['inbox'],
        summary: 'Who else is on which message now (for the inbox rows)',
        response: { 200: PresenceListSchema, ...errorResponses(READ_ERRORS) },
      },
    },
    async (request) => presenceOf(await findPresence(fastify.db, { exceptUserId: request.agent!.user.id })),
  );

  fastify.put(
    '/messages/:id/presence',
    {
      schema: {
        operationId: 'markPresence',
        tags: ['inbox'],
        summary: 'Heartbeat: I am reading this message, or writing a reply to it',
        description:
          'Colleagues see the agent on the message until `ECOUTE_PRESENCE_TTL_S` after the last heartbeat; send ' +
          'one every `refreshInS`. `writing` while the composer holds unsent words the agent typed recently. The ' +
          "answer says who else is on the message. An arrival or a change of state is sent at once to colleagues' " +
          'event streams (`presence`, see `GET /events`).',
        params: IdParamsSchema,
        body: PresenceInputSchema,
        response: { 200: PresenceListSchema, ...errorResponses(WRITE_ERRORS) },
      },
    },
    async (request) => {
      const { others, changed } = await markPresence(fastify.db, {
        messageId: request.params.id,
        actor: request.agent!.user,
        state: request.body.state,
        ttlMs: fastify.config.presenceTtlMs,
      });
      if (changed) await fastify.presence.announce(request.params.id);
      return presenceOf(others);
    },
  );

  fastify.delete(
    '/messages/:id/presence',
    {
      schema: {
        operationId: 'endPresence',
        tags: ['inbox'],
        summary: 'I left this message (colleagues stop seeing me at once)',
        params: IdParamsSchema,
        response: {
          204: Type.Null(),
          ...errorResponses({ 400: 'Invalid id', 401: 'Not signed in', 403: 'Missing or wrong CSRF token' }),
        },
      },
    },
    async (request, reply) => {
      if (await endPresence(fastify.db, { messageId: request.params.id, actor: request.agent!.user })) {
        await fastify.presence.announce(request.params.id);
      }
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/messages/:id/notes',
    {
      schema: {
        operationId: 'addNote',
        tags: ['inbox'],
        summary: 'Add an internal note (never shown to the customer)',
        params: IdParamsSchema,
        body: NoteInputSchema,
        response: { 201: AgentTimelineEventSchema, ...errorResponses(WRITE_ERRORS) },
      },
    },
    async (request, reply) => {
      const { message, event } = await addNote(fastify.db, {
        messageId: request.params.id,
        actor: request.agent!.user,
        body: request.body.body,
      });
      return reply.code(201).send(toAgentEvent(event, message));
    },
  );

  fastify.put(
    '/messages/:id/tags',
    {
      schema: {
        operationId: 'setTags',
        tags: ['inbox'],
        summary: 'Set a message’s tags (lower-cased); each change is on the timeline',
        params: IdParamsSchema,
        body: TagsInputSchema,
        response: { 200: Type.Object({ tags: Type.Array(Type.String()) }), ...errorResponses(WRITE_ERRORS) },
      },
    },
    async (request) => ({
      tags: await setTags(fastify.db, {
        messageId: request.params.id,
        actor: request.agent!.user,
        tags: request.body.tags,
      }),
    }),
  );

  fastify.patch(
    '/messages/:id',
    {
      schema: {
        operationId: 'moveMessage',
        tags: ['inbox'],
        summary: 'Move a message to a team, assign it to an agent (or to nobody with null), saying why',
        description:
          'Each change is on the timeline (`moved`, `assigned`): who made it, from where to where, and `reason`.',
        params: IdParamsSchema,
        body: MessageMoveSchema,
        response: { 200: MessageSummarySchema, ...errorResponses(WRITE_ERRORS) },
      },
    },
    async (request) => {
      const { teamId, assigneeId, reason } = request.body;
      return toSummary(
        await moveMessage(fastify.db, {
          messageId: request.params.id,
          actor: request.agent!.user,
          teamId,
          assigneeId,
          reason,
        }),
      );
    },
  );

  for (const [path, spam, action] of [
    ['spam', true, quarantineMessage],
    ['not-spam', false, releaseMessage],
  ] as const) {
    fastify.post(
      `/messages/:id/${path}`,
      {
        schema: {
          operationId: spam ? 'markSpam' : 'unmarkSpam',
          tags: ['inbox'],
          summary: spam ? 'Move an unanswered message to quarantine' : 'Take a message out of quarantine',
          params: IdParamsSchema,
          response: {
            200: StatusResultSchema,
            ...errorResponses({ ...WRITE_ERRORS, 409: 'Not allowed in the message’s status' }),
          },
        },
      },
      async (request) => ({
        status: await action(fastify.db, {
          messageId: request.params.id,
          actor: request.agent!.user,
          outbox: fastify.outbox,
        }),
      }),
    );
  }
}
