// One listening connection per process for PostgreSQL notifications: a client of its own on
// PostgreSQL (a pooled connection cannot stay in LISTEN), PGlite's own `listen` when embedded.
// A PostgreSQL connection that drops is opened again; `onListening` runs each time the channels are
// listened to (first and after a reconnection), so that the caller reads what it may have missed.
import type { DatabaseEngine } from './client.ts';

export interface Listener {
  close(): Promise<void>;
}

export interface ListenOptions {
  channels: string[];
  onNotification: (channel: string, payload: string) => void;
  onListening: () => void;
  onError: (error: Error) => void;
}

const RECONNECT_MS = { first: 250, max: 5_000 };
/** How the connection shows in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'ecoute-live';

export async function listen(engine: DatabaseEngine, opts: ListenOptions): Promise<Listener> {
  if (engine.kind === 'pglite') {
    const stops = await Promise.all(
      opts.channels.map((channel) => engine.client.listen(channel, (payload) => opts.onNotification(channel, payload))),
    );
    opts.onListening();
    return { close: async () => void (await Promise.all(stops.map((stop) => stop()))) };
  }

  const { default: pg } = await import('pg');
  let closed = false;
  let client: InstanceType<typeof pg.Client> | undefined;
  let wait = RECONNECT_MS.first;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: engine.url, application_name: LISTENER_APPLICATION_NAME });
    next.on('notification', ({ channel, payload }) => opts.onNotification(channel, payload ?? ''));
    next.on('error', (error) => {
      opts.onError(error);
      void next.end().catch(() => {});
      if (client === next) scheduleReconnect();
    });
    client = next;
    await next.connect();
    for (const channel of opts.channels) await next.query(`listen "${channel}"`);
    wait = RECONNECT_MS.first;
    opts.onListening();
  };
  const scheduleReconnect = () => {
    client = undefined;
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((error: Error) => {
        opts.onError(error);
        wait = Math.min(wait * 2, RECONNECT_MS.max);
        scheduleReconnect();
      });
    }, wait);
    retry.unref();
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
