// The live inbox as a service: each process numbers the committed events (live_events, written by
// the database with each timeline event) every SEQUENCE_MS, holds one listening connection
// (db/listen.ts), reads the numbered events as their notifications arrive, and writes them to the streams its agents hold open (routes/events). A stream that
// reconnects with Last-Event-ID is first given what it missed; a session that ended has its stream
// closed within SESSION_CHECK_MS; closing the app closes every stream at once. `publishTransient`
// sends an event that is not stored (presence) to every process's streams.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import {
  LIVE_EVENTS,
  LIVE_REPLAY_LIMIT,
  LIVE_RETENTION_MS,
  type LiveChange,
  type LivePosition,
} from '@ecoute/shared/live-events';
import { listen, type Listener } from '../../db/listen.ts';
import {
  findLiveEventsAfter,
  LIVE_CHANNEL,
  liveEventBounds,
  notifyTransient,
  numberLiveEvents,
  pruneLiveEvents,
  TRANSIENT_CHANNEL,
  type LiveEvent,
} from '../../db/live-events.repo.ts';
import { findLiveSessions } from '../../db/users.repo.ts';
import { mayReceiveLiveEvent, type LiveViewer } from '../../domain/live-audience.ts';

/** How often committed events are numbered (by one process at a time): what a change waits at most. */
const SEQUENCE_MS = 50;
/** How often the sessions of open streams are checked: a revoked one's stream ends within this. */
const SESSION_CHECK_MS = 2_000;
/** Rows read at once by the process's reader. */
const READ_BATCH = 500;
/** A stream whose client falls this many events behind is closed (it reconnects and resyncs). */
const MAX_WAITING = 1_000;
/** NOTIFY's payload limit is 8,000 bytes. */
const MAX_TRANSIENT_BYTES = 7_000;

/** One SSE event as @fastify/sse writes it. */
export interface LiveMessage {
  id?: string;
  event: string;
  data: unknown;
}

/** What the route gives the hub for each open stream. */
export interface LiveStreamSink {
  viewer: LiveViewer;
  /** The session's token hash: the stream ends with the session. */
  sessionHash: string;
  write(message: LiveMessage): void;
  /** Events written that the client has not taken yet. */
  waiting(): number;
  close(): void;
}

/** An event that is not stored: only streams open now receive it, without a number. */
export interface TransientEvent {
  /** The SSE event name (not one of LIVE_EVENTS). */
  event: string;
  /** The message it is about, for the audience check; null for none. */
  messageId: string | null;
  /** Small (a few hundred bytes), JSON, and never a customer's words. */
  data: Record<string, unknown>;
}

export interface Live {
  /**
   * Starts a stream from `lastEventId` (what the client last received), or from now. Resolves once
   * the missed events (or `resync`) are written; returns the function that ends the subscription.
   */
  open(sink: LiveStreamSink, lastEventId: number | undefined): Promise<() => void>;
  /** Sends an event to the agents' open streams on every process (via NOTIFY), stored nowhere. */
  publishTransient(event: TransientEvent): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    live: Live;
  }
}

interface Stream {
  sink: LiveStreamSink;
  /** The last number written to it (or skipped as not for it). */
  sentUpTo: number;
  /** While its missed events are read: what the reader delivers meanwhile, written after them. */
  pending: LiveEvent[] | null;
}

function changeMessage(row: LiveEvent): LiveMessage {
  const data: LiveChange = {
    id: row.id,
    messageId: row.messageId,
    type: row.kind,
    eventId: row.payload.eventId,
    actorId: row.payload.actorId,
    at: row.createdAt.toISOString(),
  };
  return { id: String(row.id), event: LIVE_EVENTS.change, data };
}

function positionMessage(event: 'resync' | 'ready', id: number): LiveMessage {
  const data: LivePosition = { id };
  return { id: String(id), event: LIVE_EVENTS[event], data };
}

export default fp(
  async (fastify: FastifyInstance) => {
    const { db } = fastify;
    const streams = new Set<Stream>();
    /** The last number this process's reader delivered. */
    let cursor = (await liveEventBounds(db)).newest;
    let reading: Promise<void> | undefined;
    let readAgain = false;

    function write(stream: Stream, message: LiveMessage): void {
      if (stream.sink.waiting() >= MAX_WAITING) {
        fastify.log.warn({ userId: stream.sink.viewer.id }, 'closing a live stream whose client reads nothing');
        stream.sink.close();
        return;
      }
      stream.sink.write(message);
    }

    function deliver(stream: Stream, row: LiveEvent): void {
      if (row.id <= stream.sentUpTo) return;
      stream.sentUpTo = row.id;
      if (mayReceiveLiveEvent(stream.sink.viewer, row)) write(stream, changeMessage(row));
    }

    /** Reads every event after the cursor and delivers it; one reader at a time, again if notified meanwhile. */
    function readNew(): Promise<void> {
      if (reading) {
        readAgain = true;
        return reading;
      }
      reading = (async () => {
        do {
          readAgain = false;
          for (;;) {
            const rows = await findLiveEventsAfter(db, cursor, READ_BATCH);
            for (const row of rows) {
              for (const stream of streams) {
                if (stream.pending) stream.pending.push(row);
                else deliver(stream, row);
              }
            }
            if (rows.length > 0) cursor = rows.at(-1)!.id;
            if (rows.length < READ_BATCH) break;
          }
        } while (readAgain);
      })()
        .catch((err: unknown) => fastify.log.error({ err }, 'could not read the live events'))
        .finally(() => {
          reading = undefined;
        });
      return reading;
    }

    /** Numbers what has committed and delivers it: a stream opened next starts after all of it. */
    async function catchUp(): Promise<void> {
      await (sequencing ?? numberOnce());
      await readNew();
    }

    function receiveTransient(payload: string): void {
      let event: TransientEvent;
      try {
        event = JSON.parse(payload) as TransientEvent;
      } catch (err) {
        fastify.log.warn({ err }, 'a transient live event that is not JSON was ignored');
        return;
      }
      for (const stream of streams) {
        if (!stream.pending && mayReceiveLiveEvent(stream.sink.viewer, event)) {
          write(stream, { event: event.event, data: event.data });
        }
      }
    }

    // One numbering pass at a time; a pass that finds another process numbering leaves it the rows.
    let sequencing: Promise<unknown> | undefined;
    function numberOnce(): Promise<unknown> {
      sequencing = numberLiveEvents(db)
        .catch((err: unknown) => fastify.log.warn({ err }, 'could not number the live events'))
        .finally(() => {
          sequencing = undefined;
        });
      return sequencing;
    }

    let listener: Listener | undefined = await listen(fastify.databaseEngine, {
      channels: [LIVE_CHANNEL, TRANSIENT_CHANNEL],
      onNotification: (channel, payload) => {
        if (channel === TRANSIENT_CHANNEL) receiveTransient(payload);
        // The payload is the new event's number: one already delivered needs no read.
        else if (!(Number(payload) <= cursor)) readNew();
      },
      // First, and after a lost connection: whatever was committed meanwhile is read now.
      onListening: () => void readNew(),
      onError: (err) => fastify.log.warn({ err }, 'the live events listener lost its connection: reconnecting'),
    });

    const sequencer = setInterval(() => void (sequencing ?? numberOnce()), SEQUENCE_MS);
    sequencer.unref();

    const sessionCheck = setInterval(() => {
      if (streams.size === 0) return;
      const hashes = [...new Set([...streams].map((stream) => stream.sink.sessionHash))];
      findLiveSessions(db, hashes)
        .then((live) => {
          for (const stream of streams) if (!live.has(stream.sink.sessionHash)) stream.sink.close();
        })
        .catch((err: unknown) => fastify.log.warn({ err }, 'could not check the sessions of live streams'));
    }, SESSION_CHECK_MS);
    sessionCheck.unref();

    const live: Live = {
      async open(sink, lastEventId) {
        await catchUp();
        const stream: Stream = { sink, sentUpTo: cursor, pending: lastEventId === undefined ? null : [] };
        // Subscribed before reading what was missed: what commits meanwhile waits in `pending`.
        streams.add(stream);
        const close = () => void streams.delete(stream);
        if (lastEventId === undefined) {
          write(stream, positionMessage('ready', stream.sentUpTo));
          return close;
        }
        try {
          const { oldest, newest } = await liveEventBounds(db);
          // A number from the future (another database, a restored one) or from before what is kept.
          const unknown = lastEventId > newest || (oldest > 0 && lastEventId < oldest - 1);
          const missed = unknown ? [] : await findLiveEventsAfter(db, lastEventId, LIVE_REPLAY_LIMIT + 1);
          if (unknown || missed.length > LIVE_REPLAY_LIMIT) {
            // The refetch covers what was committed until now; what comes after reaches this stream.
            stream.sentUpTo = Math.max(stream.sentUpTo, newest);
            write(stream, positionMessage('resync', stream.sentUpTo));
          } else {
            stream.sentUpTo = lastEventId;
            for (const row of missed) deliver(stream, row);
          }
          for (const row of stream.pending!) deliver(stream, row);
          stream.pending = null;
          return close;
        } catch (error) {
          close();
          throw error;
        }
      },
      async publishTransient(event) {
        if (Object.values<string>(LIVE_EVENTS).includes(event.event)) {
          throw new Error(`"${event.event}" is one of the stream's own events`);
        }
        const payload = JSON.stringify(event);
        if (Buffer.byteLength(payload) > MAX_TRANSIENT_BYTES) {
          throw new Error(`a transient live event takes at most ${MAX_TRANSIENT_BYTES} bytes`);
        }
        await notifyTransient(db, payload);
      },
    };
    fastify.decorate('live', live);

    fastify.jobs.work('live.prune', () => pruneLiveEvents(db, new Date(Date.now() - LIVE_RETENTION_MS)));
    fastify.jobs.schedule('live.prune', '17 * * * *', {});

    // Before the server waits for requests in flight: a stream would hold the close up forever.
    fastify.addHook('preClose', async () => {
      clearInterval(sequencer);
      clearInterval(sessionCheck);
      for (const stream of streams) stream.sink.close();
      streams.clear();
    });
    // Fastify runs onClose hooks last-registered first: this one before the database plugin's.
    fastify.addHook('onClose', async () => {
      await listener?.close();
      listener = undefined;
      await Promise.all([reading, sequencing]);
    });
  },
  { name: 'live', dependencies: ['database', 'jobs'] },
);
