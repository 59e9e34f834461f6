// The live inbox in the SPA: one EventSource per tab on /api/v1/events. Each change refreshes what
// is on screen (the inbox lists, the counts, the open message, commitments, the Outbox), a few at a
// time; a new stream, a `resync` or a failure refreshes too, since something may have been missed.
// The browser reconnects by itself with Last-Event-ID; when the server refuses the stream (signed
// out, or down), the session is checked again and a new stream is tried later, the lists polling
// every minute meanwhile, which the page says. Transient events (presence) go to the features
// listening for them (lib/live-events.ts).
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LIVE_EVENTS, TRANSIENT_EVENTS } from '@ecoute/shared/live-events';
import { API_BASE } from '../../lib/api-client.ts';
import { receiveTransient, setLiveState, useLiveState } from '../../lib/live-events.ts';
import { queryRoots } from '../../lib/query-keys.ts';

/** Changes arriving together are refreshed once. */
const REFRESH_DELAY_MS = 200;
const RETRY_MS = { first: 2_000, max: 60_000 };
const REFRESHED = [queryRoots.messages, queryRoots.commitments, queryRoots.tags, queryRoots.outbox];

export function LiveUpdates() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const state = useLiveState();

  useEffect(() => {
    let source: EventSource | undefined;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let retryMs = RETRY_MS.first;

    const refresh = () => {
      refreshTimer ??= setTimeout(() => {
        refreshTimer = undefined;
        for (const queryKey of REFRESHED) void queryClient.invalidateQueries({ queryKey });
      }, REFRESH_DELAY_MS);
    };
    // Transient events (presence) missed while the stream was down are lost: read it all again.
    const refreshAll = () => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: queryRoots.presence });
    };
    const connect = () => {
      source = new EventSource(`${API_BASE}/events`);
      source.addEventListener('open', () => {
        retryMs = RETRY_MS.first;
        setLiveState('live');
      });
      source.addEventListener(LIVE_EVENTS.change, refresh);
      for (const name of [LIVE_EVENTS.ready, LIVE_EVENTS.resync]) source.addEventListener(name, refreshAll);
      for (const name of Object.values(TRANSIENT_EVENTS)) {
        source.addEventListener(name, (event) =>
          receiveTransient(name, JSON.parse((event as MessageEvent<string>).data)),
        );
      }
      source.addEventListener('error', () => {
        setLiveState('offline');
        refreshAll();
        if (source?.readyState !== EventSource.CLOSED) return;
        // Refused: a session that ended sends the user to sign in; otherwise, try again later.
        void queryClient.invalidateQueries({ queryKey: queryRoots.session });
        retryTimer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MS.max);
      });
    };
    connect();
    return () => {
      source?.close();
      clearTimeout(refreshTimer);
      clearTimeout(retryTimer);
      setLiveState('connecting');
    };
  }, [queryClient]);

  // Rendered only while it has something to say: pages keep their own status region the only one.
  return state === 'offline' ? (
    <p role="status" className="live-updates">
      {t('live.offline')}
    </p>
  ) : null;
}
