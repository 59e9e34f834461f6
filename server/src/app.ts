// The whole of Ecoute as one Fastify plugin, and `buildApp`, which wraps it in an instance.
// Nothing here is process-wide: tests build as many apps as they like.
import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { LIMITS } from '@ecoute/shared/limits';
import type { Config } from './config.ts';
import { compilersFactory } from './http/compile-on-first-use.ts';
import { CATALOG } from './jobs/catalog.ts';
import cors from './plugins/external/cors.ts';
import formbody from './plugins/external/formbody.ts';
import helmet from './plugins/external/helmet.ts';
import rateLimit from './plugins/external/rate-limit.ts';
import sse from './plugins/external/sse.ts';
import staticFiles from './plugins/external/static.ts';
import swagger from './plugins/external/swagger.ts';
import auth from './plugins/app/auth.ts';
import database from './plugins/app/database.ts';
import errors, { clientErrorHandler, frameworkErrors } from './plugins/app/errors.ts';
import inboundSmtp from './plugins/app/inbound-smtp.ts';
import input from './plugins/app/input.ts';
import email from './plugins/app/email.ts';
import jobs from './plugins/app/jobs.ts';
import formsCache from './plugins/app/forms.ts';
import routing from './plugins/app/routing.ts';
import limits from './plugins/app/limits.ts';
import live from './plugins/app/live.ts';
import presence from './plugins/app/presence.ts';
import stats from './plugins/app/stats.ts';
import words from './plugins/app/words.ts';
import { databaseRateLimitStore } from './plugins/app/rate-limit-store.ts';
import submitLimits from './plugins/app/submit-limits.ts';
import assetRoutes from './routes/assets/index.ts';
import authRoutes from './routes/auth/index.ts';
import commitmentRoutes from './routes/commitments/index.ts';
import customerDayRoutes from './routes/customer-days/index.ts';
import { digestSubscriberRoutes, digestUnsubscribeRoutes } from './routes/digests/index.ts';
import eventRoutes from './routes/events/index.ts';
import exportRoutes from './routes/exports/index.ts';
import formRoutes from './routes/forms/index.ts';
import formStatusRoutes from './routes/form-status/index.ts';
import healthRoutes from './routes/health/index.ts';
import hostedFormRoutes from './routes/hosted-form/index.ts';
import inboundRoutes from './routes/inbound/index.ts';
import inboundMailRoutes from './routes/inbound-mails/index.ts';
import messageRoutes from './routes/messages/index.ts';
import outboxRoutes from './routes/outbox/index.ts';
import routingRuleRoutes from './routes/routing-rules/index.ts';
import sharedReportRoutes from './routes/shared-reports/index.ts';
import spaRoutes from './routes/spa/index.ts';
import statsRoutes from './routes/stats/index.ts';
import submissionRoutes from './routes/submissions/index.ts';
import teamRoutes from './routes/teams/index.ts';
import templateRoutes from './routes/templates/index.ts';
import trackingRoutes from './routes/tracking/index.ts';
import userRoutes from './routes/users/index.ts';
import wordRoutes from './routes/words/index.ts';

export interface AppOptions {
  config: Config;
  /** Called when another process took the embedded database's directory lock. */
  onLockLost?: (error: Error) => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

export async function app(fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  fastify.decorate('config', opts.config);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Only JSON and urlencoded bodies are understood; anything else is a 415.
  fastify.removeContentTypeParser('text/plain');

  await fastify.register(helmet);
  // First of our services: rate-limit counters live in the database, and even a 404 counts one.
  await fastify.register(database, {
    target: opts.config.database,
    admin: opts.config.admin,
    onLockLost: opts.onLockLost,
  });
  await fastify.register(jobs, { catalog: CATALOG });
  await fastify.register(email);
  await fastify.register(rateLimit, { store: databaseRateLimitStore(fastify.db) });
  await fastify.register(errors);
  await fastify.register(input);
  await fastify.register(limits);
  await fastify.register(formbody);
  await fastify.register(swagger);
  await fastify.register(staticFiles);
  await fastify.register(auth);
  await fastify.register(formsCache);
  await fastify.register(routing);
  await fastify.register(submitLimits);
  await fastify.register(cors);
  await fastify.register(inboundSmtp);
  await fastify.register(sse, { heartbeatMs: opts.config.streamHeartbeatMs });
  await fastify.register(live);
  await fastify.register(presence);
  await fastify.register(words);
  await fastify.register(stats);

  await fastify.register(healthRoutes);
  await fastify.register(spaRoutes);
  await fastify.register(assetRoutes);
  await fastify.register(submissionRoutes, { prefix: '/api/v1' });
  await fastify.register(formStatusRoutes, { prefix: '/api/v1' });
  await fastify.register(inboundRoutes, { prefix: '/api/v1' });
  await fastify.register(
    async (agentApi) => {
      // The agent API speaks JSON only, so that no cross-site HTML form can post to it (not even to sign in).
      agentApi.removeContentTypeParser('application/x-www-form-urlencoded');
      for (const routes of [
        authRoutes,
        userRoutes,
        messageRoutes,
        commitmentRoutes,
        templateRoutes,
        formRoutes,
        outboxRoutes,
        inboundMailRoutes,
        eventRoutes,
        teamRoutes,
        routingRuleRoutes,
        statsRoutes,
        wordRoutes,
        customerDayRoutes,
        exportRoutes,
        digestSubscriberRoutes,
      ]) {
        await agentApi.register(routes);
      }
    },
    { prefix: '/api/v1' },
  );
  await fastify.register(trackingRoutes);
  await fastify.register(hostedFormRoutes);
  await fastify.register(sharedReportRoutes);
  await fastify.register(digestUnsubscribeRoutes);
}

export async function buildApp(opts: AppOptions & { logger?: FastifyBaseLogger }): Promise<FastifyInstance> {
  const fastify = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    trustProxy: opts.config.trustProxy,
    bodyLimit: LIMITS.requestBytes,
    // Opening the database runs the migrations, which take minutes on a large database (0021 rebuilds
    // the customers' words: four minutes at a million messages). A timeout would stop the process
    // mid-migration, roll it back, and do the same at every restart: none.
    pluginTimeout: 0,
    genReqId: () => randomUUID(),
    frameworkErrors,
    clientErrorHandler,
    routerOptions: { maxParamLength: 1_000 },
    schemaController: { compilersFactory },
    ajv: {
      customOptions: { allErrors: true, removeAdditional: true, coerceTypes: false, discriminator: true },
      // ajv-formats' uuid also takes `urn:uuid:…`, which PostgreSQL's uuid type does not.
      onCreate: (ajv) => ajv.addFormat('uuid', /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i),
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Unencapsulated, so that callers (tests, the process) see the app's decorators such as `db`.
  await fastify.register(fp(app), opts);
  return fastify;
}
