// The database as a service: opened and migrated before routes load, seeded on first start,
// closed last when the app closes.
import fp from 'fastify-plugin';
import { openDatabase, type Database, type DatabaseEngine, type DatabaseTarget } from '../../db/client.ts';
import { seedFirstStart } from '../../db/seed.ts';
import type { FirstAdmin } from '../../logger.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    /** What the job queue plugin runs pg-boss on. */
    databaseEngine: DatabaseEngine;
    pingDatabase(): Promise<void>;
  }
}

export interface DatabaseOptions {
  target: DatabaseTarget;
  admin: { email: string; password: string | undefined };
  onLockLost?: ((error: Error) => void) | undefined;
}

export default fp<DatabaseOptions>(
  async (fastify, opts) => {
    const connection = await openDatabase(opts.target, {
      onLockLost: opts.onLockLost,
      onConnectionError: (err) => fastify.log.warn({ err }, 'an idle database connection was lost'),
    });
    fastify.decorate('db', connection.db);
    fastify.decorate<DatabaseEngine>('databaseEngine', connection.engine);
    fastify.decorate('pingDatabase', connection.ping);
    fastify.addHook('onClose', () => connection.close());

    const seeded = await seedFirstStart(connection.db, opts.admin);
    if (seeded.generatedAdminPassword) {
      const firstAdmin: FirstAdmin = {
        email: opts.admin.email,
        password: seeded.generatedAdminPassword,
        signInUrl: `${fastify.config.publicUrl}/login`,
      };
      // The fields let a terminal show them in a box; the message says it all in a JSON line.
      fastify.log.warn(
        { firstAdmin },
        `First start: created the admin ${firstAdmin.email} with the password ${firstAdmin.password}; sign in at ` +
          `${firstAdmin.signInUrl} (shown only this once; set ECOUTE_ADMIN_PASSWORD to choose it).`,
      );
    } else if (seeded.adminCreated) {
      fastify.log.info(`First start: created the admin ${opts.admin.email}.`);
    }
  },
  { name: 'database' },
);
