// The live inbox's stream (GET /api/v1/events, Server-Sent Events), as the server writes it and the
// SPA reads it. Stored events are numbered by the database (the SSE `id`, which a reconnecting
// client sends back as `Last-Event-ID`); transient ones (presence) carry no number.
import type { Presence } from './agent-contract.ts';
import type { TimelineType } from './timeline-events.ts';

/** The names of the stream's own events; a transient event may take any other name. */
export const LIVE_EVENTS = {
  /** Something happened to a message (a timeline event): `data` is a LiveChange. */
  change: 'change',
  /** Too much was missed (or the number is unknown here): refetch everything, then carry on. */
  resync: 'resync',
  /** A new stream (no Last-Event-ID) is listening: what was fetched before it may be stale. */
  ready: 'ready',
} as const;

/** A reconnection that missed more than this many events gets `resync` instead of them. */
export const LIVE_REPLAY_LIMIT = 1_000;

/** Events are kept this long (pruned hourly): a reconnection from further back gets `resync`. */
export const LIVE_RETENTION_MS = 24 * 60 * 60 * 1000;

/** `Last-Event-ID`: the number of an event the stream sent. */
export const LAST_EVENT_ID_PATTERN = '^\\d{1,15}$';

/** The `data` of a `change` event: ids only, never a customer's words. */
export interface LiveChange {
  id: number;
  messageId: string;
  type: TimelineType;
  /** The timeline event. */
  eventId: string;
  /** The agent who acted; null for the customer and the system. */
  actorId: string | null;
  at: string;
}

/** The `data` of `resync` and `ready`: the number the stream carries on from. */
export interface LivePosition {
  id: number;
}

/** The stream's transient events: sent to the streams open at the time, stored nowhere, no `id`. */
export const TRANSIENT_EVENTS = {
  /** Who is on a message changed (someone arrived, left, started or stopped writing): a LivePresence. */
  presence: 'presence',
} as const;

/** A presence event names at most this many people (NOTIFY carries at most 8,000 bytes). */
export const LIVE_PRESENCE_LIMIT = 12;

/** The `data` of a `presence` event: everyone on the message now (each reader leaves themselves out). */
export interface LivePresence {
  messageId: string;
  items: Presence[];
}
