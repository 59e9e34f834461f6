// Customer Day for managers: the list of Customer Days, each one's report (as published, or computed
// now), publication, share links, and the verbatims pinned from the message page.
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CustomerDayListSchema,
  CustomerDayParamsSchema,
  CustomerDayReportQuerySchema,
  CustomerDayReportViewSchema,
  NewShareSchema,
  PinInputSchema,
  PinStateSchema,
  PinSchema,
  PublishInputSchema,
  ShareIdParamsSchema,
  ShareListSchema,
} from '@ecoute/shared/customer-day-contract';
import { listCustomerDays } from '../../domain/customer-day-report.ts';
import { pinForCustomerDay, readPin, unpinForCustomerDay } from '../../domain/pin-for-customer-day.ts';
import { publishCustomerDay, readCustomerDayReport } from '../../domain/publish-customer-day.ts';
import { revokeCustomerDayShare, shareCustomerDay, sharesOf } from '../../domain/share-customer-day.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { IdParamsSchema } from '../../http/params.ts';

const READ_ERRORS = { 401: 'Not signed in', 403: 'Not a manager' } as const;
const DAY_ERRORS = {
  ...READ_ERRORS,
  400: 'Not a date (YYYY-MM-DD)',
  404: 'Not a Customer Day (`not_a_customer_day`), or one whose period has not begun (`customer_day_not_started`)',
} as const;
const WRITE_ERRORS = { ...DAY_ERRORS, 403: 'Not a manager, or missing CSRF token' } as const;
const PIN_ERRORS = {
  400: 'Invalid id or fields',
  401: 'Not signed in',
  403: 'Not a manager, or missing CSRF token',
  404: 'Unknown message',
} as const;

export default async function customerDayRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  fastify.requireRoleForAll('manager');

  fastify.get(
    '/reports/customer-days',
    {
      schema: {
        operationId: 'listCustomerDays',
        tags: ['customer-day'],
        summary: 'The next Customer Day and the past ones, with their periods and publications',
        description:
          'Customer Day is the third Thursday of January, April, July and October (UTC calendar days). Each ' +
          'report covers the messages received from the day after the previous Customer Day to the day itself.',
        response: { 200: CustomerDayListSchema, ...errorResponses(READ_ERRORS) },
      },
    },
    async () => ({ items: await listCustomerDays(fastify.db, new Date()) }),
  );

  fastify.get(
    '/reports/customer-days/:date',
    {
      schema: {
        operationId: 'getCustomerDayReport',
        tags: ['customer-day'],
        summary: 'A Customer Day’s report',
        description:
          'Volumes (received, per team, per language), answer rate, commitments kept, rising words, the verbatims ' +
          'managers pinned, compliments (messages tagged `praise`) credited to the team that held the message when ' +
          'its first reply was written, and lost customers (messages tagged `lost-customer`). Spam is excluded. ' +
          'Once published, the published snapshot is answered unless `version=live`.',
        params: CustomerDayParamsSchema,
        querystring: CustomerDayReportQuerySchema,
        response: { 200: CustomerDayReportViewSchema, ...errorResponses(DAY_ERRORS) },
      },
    },
    async (request) =>
      readCustomerDayReport(fastify.db, {
        date: request.params.date,
        now: new Date(),
        version: request.query.version,
      }),
  );

  fastify.post(
    '/reports/customer-days/:date/publication',
    {
      schema: {
        operationId: 'publishCustomerDay',
        tags: ['customer-day'],
        summary: 'Publish a Customer Day’s report: it is kept exactly as it is now',
        description: 'A report published already is replaced only with `republish: true` (its version goes up).',
        params: CustomerDayParamsSchema,
        body: PublishInputSchema,
        response: {
          200: CustomerDayReportViewSchema,
          201: CustomerDayReportViewSchema,
          ...errorResponses({ ...WRITE_ERRORS, 409: 'Published already (`already_published`)' }),
        },
      },
    },
    async (request, reply) => {
      const { first, ...view } = await publishCustomerDay(fastify.db, {
        date: request.params.date,
        actor: request.agent!.user,
        republish: request.body.republish ?? false,
        now: new Date(),
      });
      return reply.code(first ? 201 : 200).send(view);
    },
  );

  fastify.get(
    '/reports/customer-days/:date/shares',
    {
      schema: {
        operationId: 'listCustomerDayShares',
        tags: ['customer-day'],
        summary: 'The share links of a Customer Day’s report (their addresses are given only when made)',
        params: CustomerDayParamsSchema,
        response: { 200: ShareListSchema, ...errorResponses(DAY_ERRORS) },
      },
    },
    async (request) => ({ items: await sharesOf(fastify.db, { date: request.params.date, now: new Date() }) }),
  );

  fastify.post(
    '/reports/customer-days/:date/shares',
    {
      schema: {
        operationId: 'shareCustomerDay',
        tags: ['customer-day'],
        summary: 'Make a read-only link to the published report, for anyone, without an account',
        description:
          'The answer’s `url` is the only time the link is given: only its hash is kept. It shows the report as ' +
          'last published, at `/customer-day/{token}`, until revoked.',
        params: CustomerDayParamsSchema,
        response: {
          201: NewShareSchema,
          ...errorResponses({ ...WRITE_ERRORS, 409: 'The report is not published (`not_published`)' }),
        },
      },
    },
    async (request, reply) => {
      const { share, token } = await shareCustomerDay(fastify.db, {
        date: request.params.date,
        actor: request.agent!.user,
        now: new Date(),
      });
      return reply.code(201).send({ ...share, url: `${fastify.config.publicUrl}/customer-day/${token}` });
    },
  );

  fastify.delete(
    '/reports/customer-day-shares/:id',
    {
      schema: {
        operationId: 'revokeCustomerDayShare',
        tags: ['customer-day'],
        summary: 'Revoke a share link: it stops working at once',
        params: ShareIdParamsSchema,
        response: {
          204: Type.Null(),
          ...errorResponses({ ...PIN_ERRORS, 400: 'Invalid id', 404: 'Unknown share link' }),
        },
      },
    },
    async (request, reply) => {
      await revokeCustomerDayShare(fastify.db, request.params.id);
      return reply.code(204).send(null);
    },
  );

  fastify.get(
    '/messages/:id/customer-day-pin',
    {
      schema: {
        operationId: 'getCustomerDayPin',
        tags: ['customer-day'],
        summary: 'Whether the message is pinned for Customer Day, and the manager’s note',
        params: IdParamsSchema,
        response: {
          200: PinStateSchema,
          ...errorResponses({ ...READ_ERRORS, 400: 'Invalid id', 404: 'Unknown message' }),
        },
      },
    },
    async (request) => ({ pin: await readPin(fastify.db, request.params.id) }),
  );

  fastify.put(
    '/messages/:id/customer-day-pin',
    {
      schema: {
        operationId: 'pinForCustomerDay',
        tags: ['customer-day'],
        summary: 'Pin the customer’s words for Customer Day, with an optional note',
        description:
          'They appear in the report of the period the message arrived in. Recorded on the timeline ' +
          '(`customer_day_pinned`, with the note) for colleagues; never shown to the customer.',
        params: IdParamsSchema,
        body: PinInputSchema,
        response: {
          200: PinSchema,
          ...errorResponses({ ...PIN_ERRORS, 409: 'The message is in quarantine (`message_is_spam`)' }),
        },
      },
    },
    async (request) =>
      pinForCustomerDay(fastify.db, {
        messageId: request.params.id,
        actor: request.agent!.user,
        note: request.body.note ?? null,
      }),
  );

  fastify.delete(
    '/messages/:id/customer-day-pin',
    {
      schema: {
        operationId: 'unpinForCustomerDay',
        tags: ['customer-day'],
        summary: 'Take the message’s words out of the Customer Day report',
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...errorResponses(PIN_ERRORS) },
      },
    },
    async (request, reply) => {
      await unpinForCustomerDay(fastify.db, { messageId: request.params.id, actor: request.agent!.user });
      return reply.code(204).send(null);
    },
  );
}
