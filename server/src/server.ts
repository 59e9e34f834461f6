// The Ecoute process: configuration, logging, listening, and a graceful close on signals.
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { createLogger } from './logger.ts';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const logger = await createLogger({ level: config.logLevel, format: config.logFormat });

let app: Awaited<ReturnType<typeof buildApp>> | undefined;
try {
  app = await buildApp({ config, logger, onLockLost: (err) => shutDown(err) });
} catch (err) {
  logger.fatal(`Ecoute could not start: ${(err as Error).message}`);
  process.exit(1);
}

function shutDown(err: Error): void {
  logger.fatal({ err }, 'the data directory lock was lost: stopping before anything is corrupted');
  // Lost while the app was still starting (the database opening), there is nothing to close yet.
  if (!app) process.exit(1);
  void app.close().finally(() => process.exit(1));
}

closeWithGrace({ delay: 10_000, logger }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an error');
  else app.log.info({ signal }, 'closing: finishing requests in flight');
  // Fastify stops accepting, waits for requests in flight, then runs onClose (the database).
  await app.close();
});

try {
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Ecoute is ready at ${config.publicUrl} (widget: ${config.publicUrl}/embed.js)`);
} catch (err) {
  app.log.fatal({ err }, 'could not listen');
  await app.close();
  process.exit(1);
}
