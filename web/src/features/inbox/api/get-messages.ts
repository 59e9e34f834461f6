// A view of the inbox, page by page: the server hands out a cursor for the next page (keyset).
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { MessageList, MessageView } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { pollWhileOffline } from '../../../lib/live-events.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export interface InboxFilters {
  view: MessageView;
  q: string;
  tag: string;
}

const PAGE_SIZE = 50;

export const getMessages = ({ view, q, tag }: InboxFilters, cursor: string | null, signal?: AbortSignal) =>
  api.get<MessageList>('/messages', { query: { view, q: q.trim(), tag, cursor, limit: PAGE_SIZE }, signal });

export const messagesQueryOptions = (filters: InboxFilters) =>
  infiniteQueryOptions({
    queryKey: [...queryRoots.messages, 'list', filters],
    queryFn: ({ pageParam, signal }) => getMessages(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Refreshed by the live stream; polled only while it fails.
    refetchInterval: pollWhileOffline,
  });

export const useMessages = (filters: InboxFilters) => useInfiniteQuery(messagesQueryOptions(filters));
