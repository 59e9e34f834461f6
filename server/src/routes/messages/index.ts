// The inbox and one message: reading, replying, notes, tags, assignment and quarantine. Every route
// needs a signed-in agent; the lifecycle refuses what the message's status does not allow (409).
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AgentTimelineEventSchema,
  AssignInputSchema,
  MessageCountsSchema,
  MessageDetailSchema,
  MessageListQuerySchema,
  MessageListSchema,
  MessageSummarySchema,
  NoteInputSchema,
  ReplyInputSchema,
  ReplyResultSchema,
  StatusResultSchema,
  TagsInputSchema,
} from '@ecoute/shared/agent-contract';
import { normalizeTag } from '@ecoute/shared/agent-values';
import { renderTemplate, reviewReply } from '@ecoute/shared/templates';
import {
  countMessages,
  findCommitments,
  findCustomerMessages,
  findMessageDetail,
  findTimeline,
  listMessages,
  listTags,
} from '../../db/inbox.repo.ts';
import { listTemplates } from '../../db/templates.repo.ts';
import { toAgentEvent, toCommitment, toDetailMessage, toSummary } from '../../messages/agent-views.ts';
import { addNote, assignMessage, changeSpam, replyToMessage, setTags } from '../../messages/conversation.ts';
import { decodeCursor, encodeCursor } from '../../messages/cursor.ts';
import { HttpError } from '../../plugins/app/errors.ts';
import { errorResponses } from '../error-responses.ts';
import { IdempotencyKeySchema } from '../idempotency-key.ts';
import { IdParamsSchema } from '../users/index.ts';

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

  async function detailOr404(id: string) {
    const row = await findMessageDetail(fastify.db, id);
    if (!row) throw new HttpError(404, 'not_found', 'There is no such message.');
    return row;
  }

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
      const { view = 'unanswered', q, tag, cursor, limit = 50 } = request.query;
      const listing = { view, q, tag };
      const decoded = cursor ? decodeCursor(cursor, listing) : undefined;
      const rows = await listMessages(fastify.db, {
        view,
        userId: request.agent!.user.id,
        q,
        tag: tag === undefined ? undefined : normalizeTag(tag),
        cursor: decoded,
        limit,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      let nextCursor: string | null = null;
      if (rows.length > limit && last) {
        nextCursor = q?.trim()
          ? encodeCursor({ offset: (decoded && 'offset' in decoded ? decoded.offset : 0) + limit }, listing)
          : encodeCursor({ after: [last.sort_key, last.id] }, listing);
      }
      return { items: page.map(toSummary), nextCursor };
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
    async (request) => {
      const row = await detailOr404(request.params.id);
      const [others, events, commitments] = await Promise.all([
        row.customer_email ? findCustomerMessages(fastify.db, row.customer_email, row.id) : [],
        findTimeline(fastify.db, row.id),
        findCommitments(fastify.db, { messageId: row.id }),
      ]);
      return {
        message: toDetailMessage(row),
        otherMessages: others.map(toSummary),
        timeline: events.map((event) => toAgentEvent(event, row)),
        commitments: commitments.map(toCommitment),
      };
    },
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
          'answered again with `Idempotent-Replayed: true`.',
        params: IdParamsSchema,
        headers: Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKeySchema) }),
        body: ReplyInputSchema,
        response: {
          201: ReplyResultSchema,
          ...errorResponses({
            ...WRITE_ERRORS,
            409: 'The message’s status does not allow a reply (spam)',
            422: 'The Idempotency-Key was used for another reply',
          }),
        },
      },
    },
    async (request, reply) => {
      const agent = request.agent!.user;
      const row = await detailOr404(request.params.id);
      const context = {
        customer: { name: row.customer_name, email: row.customer_email },
        reference: row.reference,
        agent: { name: agent.name },
        form: { name: row.form_name },
      };
      const templates = await listTemplates(fastify.db);
      const warnings = reviewReply({
        body: request.body.body,
        renderedTemplates: templates.map((template) => renderTemplate(template.body, context)),
        customerName: row.customer_name,
      });
      const done = await replyToMessage(fastify.db, row.id, agent, request.body, request.headers['idempotency-key']);
      if (done.replayed) reply.header('idempotent-replayed', 'true');
      const commitments = await findCommitments(fastify.db, { messageId: row.id });
      return reply.code(201).send({
        event: toAgentEvent({ ...done.event, actorName: agent.name }, row),
        commitments: commitments.filter((c) => done.commitmentIds.includes(c.id)).map(toCommitment),
        status: done.status,
        warnings,
      });
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
      const agent = request.agent!.user;
      const row = await detailOr404(request.params.id);
      const event = await addNote(fastify.db, row.id, agent, request.body.body);
      return reply.code(201).send(toAgentEvent({ ...event, actorName: agent.name }, row));
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
    async (request) => ({ tags: await setTags(fastify.db, request.params.id, request.agent!.user, request.body.tags) }),
  );

  fastify.post(
    '/messages/:id/assign',
    {
      schema: {
        operationId: 'assignMessage',
        tags: ['inbox'],
        summary: 'Assign a message to an agent (or to nobody with null)',
        params: IdParamsSchema,
        body: AssignInputSchema,
        response: { 200: MessageSummarySchema, ...errorResponses(WRITE_ERRORS) },
      },
    },
    async (request) => {
      await assignMessage(fastify.db, request.params.id, request.agent!.user, request.body.assigneeId);
      return toSummary(await detailOr404(request.params.id));
    },
  );

  for (const [path, spam] of [
    ['spam', true],
    ['not-spam', false],
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
      async (request) => ({ status: await changeSpam(fastify.db, request.params.id, request.agent!.user, spam) }),
    );
  }
}
