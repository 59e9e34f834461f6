// Whether the live inbox's stream is up, for the queries of every feature: while it is, what it
// reports refreshes them (components/layouts/live-updates.tsx); while it fails, they poll instead.
// Its transient events (presence) are handed to the features that listen for them.
import { useEffect, useSyncExternalStore } from 'react';
import { TRANSIENT_EVENTS } from '@ecoute/shared/live-events';

export type LiveState = 'connecting' | 'live' | 'offline';

/** How often lists poll while the stream is failing. */
const FALLBACK_POLL_MS = 60_000;

let state: LiveState = 'connecting';
const listeners = new Set<() => void>();

export function setLiveState(next: LiveState): void {
  if (state === next) return;
  state = next;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

export const useLiveState = (): LiveState => useSyncExternalStore(subscribe, () => state);

/**
 * The `refetchInterval` of queries that change without the user: none while the stream is up. It
 * is read again after each fetch, and the stream refetches when it goes down or comes back.
 */
export const pollWhileOffline = (): number | false => (state === 'live' ? false : FALLBACK_POLL_MS);

export type TransientEventName = (typeof TRANSIENT_EVENTS)[keyof typeof TRANSIENT_EVENTS];

const transientListeners = new Map<TransientEventName, Set<(data: unknown) => void>>();

/** What the stream received: given to every listener of that event. */
export function receiveTransient(event: TransientEventName, data: unknown): void {
  for (const listener of transientListeners.get(event) ?? []) listener(data);
}

/** Calls `listener` with the `data` of each such event while the component is mounted. */
export function useTransientEvent(event: TransientEventName, listener: (data: unknown) => void): void {
  useEffect(() => {
    const listeners = transientListeners.get(event) ?? new Set();
    transientListeners.set(event, listeners);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, [event, listener]);
}
