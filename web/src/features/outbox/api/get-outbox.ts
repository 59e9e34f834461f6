// One tab of the Outbox, page by page: the server hands out a cursor for the next page (keyset).
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { EmailList, OutboxView } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { pollWhileOffline } from '../../../lib/live-events.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getOutbox = (view: OutboxView, cursor: string | null, signal?: AbortSignal) =>
  api.get<EmailList>('/outbox', { query: { view, cursor }, signal });

export const outboxQueryOptions = (view: OutboxView) =>
  infiniteQueryOptions({
    queryKey: [...queryRoots.outbox, view],
    queryFn: ({ pageParam, signal }) => getOutbox(view, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Refreshed by the live stream; polled only while it fails.
    refetchInterval: pollWhileOffline,
  });

export const useOutbox = (view: OutboxView) => useInfiniteQuery(outboxQueryOptions(view));
