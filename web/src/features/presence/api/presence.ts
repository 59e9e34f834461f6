// Who else is on which message, and this agent's own heartbeats. Reading is `usePresence`: the list is
// read once, then kept by the live stream's `presence` events (who is on one message, sent when it
// changes); only while the stream fails is it read again every `refreshInS`. Each heartbeat's answer
// refreshes the message it is about.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Presence, PresenceList, PresenceState } from '@ecoute/shared/agent-contract';
import { TRANSIENT_EVENTS, type LivePresence } from '@ecoute/shared/live-events';
import { api } from '../../../lib/api-client.ts';
import { useUser } from '../../../lib/auth.tsx';
import { pollWhileOffline, useTransientEvent } from '../../../lib/live-events.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

/** Until the server said how often (its first answer), and after a failed heartbeat. */
const DEFAULT_REFRESH_S = 10;
/** Unsent words not touched for this long: the agent is reading again, no longer writing. */
const WRITING_IDLE_MS = 30_000;

const path = (messageId: string) => `/messages/${encodeURIComponent(messageId)}/presence`;

export const getPresence = (signal?: AbortSignal) => api.get<PresenceList>('/messages/presence', { signal });

/** The list with what it says about one message replaced by `items` (never oneself). */
const withMessage = (all: PresenceList | undefined, messageId: string, items: Presence[]): PresenceList => ({
  refreshInS: all?.refreshInS ?? DEFAULT_REFRESH_S,
  items: [...(all?.items ?? []).filter((item) => item.messageId !== messageId), ...items],
});

/** Everyone else on any message now. */
export function usePresence(): Presence[] {
  const queryClient = useQueryClient();
  const me = useUser().id;
  const query = useQuery({
    queryKey: queryRoots.presence,
    queryFn: ({ signal }) => getPresence(signal),
    refetchInterval: (current) => pollWhileOffline() && (current.state.data?.refreshInS ?? DEFAULT_REFRESH_S) * 1000,
    staleTime: 0,
  });
  const onPresence = useCallback(
    (data: unknown) => {
      const { messageId, items } = data as LivePresence;
      queryClient.setQueryData<PresenceList>(queryRoots.presence, (all) =>
        withMessage(
          all,
          messageId,
          items.filter((item) => item.user.id !== me),
        ),
      );
    },
    [queryClient, me],
  );
  useTransientEvent(TRANSIENT_EVENTS.presence, onPresence);
  return query.data?.items ?? [];
}

/**
 * This agent is on the message while the page is visible: a heartbeat every `refreshInS` (at once
 * when the state changes or the page shows again), none while hidden (the server forgets them), and a
 * goodbye on leaving the page or the message, sent even as the tab closes.
 */
function useHeartbeat(messageId: string, state: PresenceState): void {
  const queryClient = useQueryClient();
  // One request at a time, in order: a "writing" sent while "viewing" is still on its way would
  // otherwise be overtaken by it on a busy server, and colleagues would read the older state.
  const sent = useRef<Promise<unknown>>(Promise.resolve());
  const inTurn = useCallback(<T>(request: () => Promise<T>): Promise<T> => {
    const next = sent.current.then(request, request);
    sent.current = next.catch(() => {});
    return next;
  }, []);
  useEffect(() => {
    let timer: number | undefined;
    let stopped = false;
    const beat = async () => {
      window.clearTimeout(timer);
      if (document.visibilityState !== 'visible') return;
      let refreshInS = DEFAULT_REFRESH_S;
      try {
        const answer = await inTurn(() => api.put<PresenceList>(path(messageId), { state }));
        refreshInS = answer.refreshInS;
        queryClient.setQueryData<PresenceList>(queryRoots.presence, (all) => ({
          ...withMessage(all, messageId, answer.items),
          refreshInS,
        }));
      } catch {
        // The next heartbeat tries again; presence is a hint, never worth an error on screen.
      }
      if (!stopped) timer = window.setTimeout(() => void beat(), refreshInS * 1000);
    };
    const onVisibility = () => void beat();
    document.addEventListener('visibilitychange', onVisibility);
    void beat();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [messageId, state, queryClient, inTurn]);

  useEffect(() => {
    const goodbye = () => api.delete(path(messageId), { keepalive: true });
    // As the tab closes there is no waiting for a heartbeat still on its way: the goodbye goes at once.
    const leave = () => void goodbye().catch(() => {});
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      void inTurn(goodbye).catch(() => {});
    };
  }, [messageId, inTurn]);
}

/**
 * The colleagues on this message, while this agent's heartbeats say they are here: `typed` is told
 * of each change to the reply (whether unsent words remain), and the agent is `writing` while they do
 * and were touched in the last 30 seconds.
 */
export function useMessagePresence(messageId: string): { others: Presence[]; typed: (hasWords: boolean) => void } {
  const [writing, setWriting] = useState(false);
  const idle = useRef<number | undefined>(undefined);
  const typed = useCallback((hasWords: boolean) => {
    window.clearTimeout(idle.current);
    setWriting(hasWords);
    if (hasWords) idle.current = window.setTimeout(() => setWriting(false), WRITING_IDLE_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(idle.current), []);
  useHeartbeat(messageId, writing ? 'writing' : 'viewing');
  const others = usePresence().filter((item) => item.messageId === messageId);
  return { others, typed };
}
