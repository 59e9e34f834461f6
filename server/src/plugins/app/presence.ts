// Presence over the live stream: when who is on a message changes (an agent arrives, leaves, starts
// or stops writing), every colleague's open stream is told at once, on every process
// (`live.publishTransient`, through NOTIFY). Heartbeats that stop tell nobody, so each process also
// deletes the rows that expired (or whose user was deactivated) every SWEEP_MS at most, and tells
// colleagues: a tab closed without a goodbye is gone from their screens within the TTL and one sweep.
import fp from 'fastify-plugin';
import { LIVE_PRESENCE_LIMIT, TRANSIENT_EVENTS, type LivePresence } from '@ecoute/shared/live-events';
import { deleteExpiredPresence, findPresence } from '../../db/presence.repo.ts';
import { toPresence } from '../../domain/agent-views.ts';

/** The longest between two sweeps; shorter with a short TTL (a fifth of it). */
const SWEEP_MS = 5_000;

declare module 'fastify' {
  interface FastifyInstance {
    presence: {
      /** Tells every open stream who is on the message now. Never fails: presence is a hint. */
      announce(messageId: string): Promise<void>;
    };
  }
}

export default fp(
  async (fastify) => {
    const { db, live } = fastify;

    async function announce(messageId: string): Promise<void> {
      try {
        const rows = await findPresence(db, { messageId });
        const data: LivePresence = { messageId, items: rows.slice(0, LIVE_PRESENCE_LIMIT).map(toPresence) };
        await live.publishTransient({ event: TRANSIENT_EVENTS.presence, messageId, data: { ...data } });
      } catch (err) {
        fastify.log.warn({ err, messageId }, 'could not tell colleagues about presence on a message');
      }
    }
    fastify.decorate('presence', { announce });

    let sweeping: Promise<void> | undefined;
    const sweep = async () => {
      try {
        for (const messageId of await deleteExpiredPresence(db)) await announce(messageId);
      } catch (err) {
        fastify.log.warn({ err }, 'could not delete the expired presence');
      }
    };
    const sweeper = setInterval(
      () => {
        sweeping ??= sweep().finally(() => {
          sweeping = undefined;
        });
      },
      Math.min(SWEEP_MS, fastify.config.presenceTtlMs / 5),
    );
    sweeper.unref();
    // Before the database plugin closes (onClose hooks run last-registered first).
    fastify.addHook('onClose', async () => {
      clearInterval(sweeper);
      await sweeping;
    });
  },
  { name: 'presence', dependencies: ['database', 'live'] },
);
