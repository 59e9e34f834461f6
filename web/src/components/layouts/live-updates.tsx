// The live inbox in the SPA: one EventSource per browser on /api/v1/events, held by one tab (the
// leader, who holds the `ecoute-live` Web Lock) and relayed to the browser's other tabs of the same
// origin through a BroadcastChannel; when the leader closes, the next tab takes the lock and opens its
// own stream. Without Web Locks or BroadcastChannel, each tab holds its own. Each change refreshes what
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
import { receiveTransient, setLiveState, useLiveState, type LiveState } from '../../lib/live-events.ts';
import { queryRoots } from '../../lib/query-keys.ts';

/** Changes arriving together are refreshed once. */
const REFRESH_DELAY_MS = 200;
const RETRY_MS = { first: 2_000, max: 60_000 };
const REFRESHED = [queryRoots.messages, queryRoots.commitments, queryRoots.tags, queryRoots.outbox];
/** The Web Lock the leading tab holds, and the channel it relays the stream on. */
const LOCK = 'ecoute-live';
const CHANNEL = 'ecoute-live';

const STREAM_EVENTS = [...Object.values(LIVE_EVENTS), ...Object.values(TRANSIENT_EVENTS)];
type StreamEventName = (typeof STREAM_EVENTS)[number];
/** What the leading tab tells the others: each event of the stream, and how the stream is. */
type Relayed =
  { kind: 'event'; name: StreamEventName; data: string } | { kind: 'state'; state: LiveState; refused: boolean };

export function LiveUpdates() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const state = useLiveState();

  useEffect(() => {
    let source: EventSource | undefined;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let retryMs = RETRY_MS.first;
    let leading = false;
    /** How this tab's own stream is, for a tab that opens and asks. */
    let current: LiveState = 'connecting';
    const stop = new AbortController();
    const shared = typeof BroadcastChannel === 'function' && typeof navigator.locks?.request === 'function';
    const channel = shared ? new BroadcastChannel(CHANNEL) : undefined;

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
    // What the stream said, in whichever tab holds it.
    const onEvent = (name: StreamEventName, data: string) => {
      if (name === LIVE_EVENTS.change) refresh();
      else if (name === LIVE_EVENTS.ready || name === LIVE_EVENTS.resync) refreshAll();
      else receiveTransient(name, JSON.parse(data));
    };
    const onState = (state: LiveState, refused: boolean) => {
      setLiveState(state);
      if (state === 'offline') refreshAll();
      // Refused: a session that ended sends the user to sign in.
      if (refused) void queryClient.invalidateQueries({ queryKey: queryRoots.session });
    };
    const tell = (message: Relayed) => {
      if (message.kind === 'event') onEvent(message.name, message.data);
      else onState((current = message.state), message.refused);
      channel?.postMessage(message);
    };

    const connect = () => {
      source = new EventSource(`${API_BASE}/events`);
      source.addEventListener('open', () => {
        retryMs = RETRY_MS.first;
        tell({ kind: 'state', state: 'live', refused: false });
      });
      for (const name of STREAM_EVENTS) {
        source.addEventListener(name, (event) =>
          tell({ kind: 'event', name, data: (event as MessageEvent<string>).data }),
        );
      }
      source.addEventListener('error', () => {
        const refused = source?.readyState === EventSource.CLOSED;
        tell({ kind: 'state', state: 'offline', refused });
        // Otherwise the browser reconnects by itself; refused, try again later.
        if (!refused) return;
        retryTimer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MS.max);
      });
    };

    if (channel) {
      channel.onmessage = ({ data }: MessageEvent<Relayed | { kind: 'hello' }>) => {
        // A tab that opens asks the leader how the stream is.
        if (data.kind === 'hello') {
          if (leading) channel.postMessage({ kind: 'state', state: current, refused: false } satisfies Relayed);
        } else if (!leading) {
          if (data.kind === 'event') onEvent(data.name, data.data);
          else onState(data.state, data.refused);
        }
      };
      // Held until this tab closes or signs out; the next tab waiting for it then leads.
      navigator.locks
        .request(LOCK, { signal: stop.signal }, () => {
          leading = true;
          connect();
          return new Promise<void>((release) => stop.signal.addEventListener('abort', () => release()));
        })
        .catch(() => {});
      channel.postMessage({ kind: 'hello' });
    } else {
      connect();
    }
    return () => {
      stop.abort();
      channel?.close();
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
