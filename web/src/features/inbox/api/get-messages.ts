// A view of the inbox, page by page: the server hands out a cursor for the next page (keyset).
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { MessageList, MessageView } from '@ecoute/shared/agent-contract';
import { STATS_FILTER_NAMES } from '@ecoute/shared/stats';
import { api } from '../../../lib/api-client.ts';
import { pollWhileOffline } from '../../../lib/live-events.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

/** The filters an inbox URL can carry ('' is no filter). */
export const FILTER_NAMES = [
  'q',
  'tag',
  'teamId',
  'assigneeId',
  'formId',
  'locale',
  'from',
  'to',
  // The words page: a term's stems.
  'word',
  // The dashboard's drill-downs: its numbers link here with these.
  ...STATS_FILTER_NAMES,
] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

export type InboxFilters = { view: MessageView } & Record<FilterName, string>;

const PAGE_SIZE = 50;

export const getMessages = ({ q, ...filters }: InboxFilters, cursor: string | null, signal?: AbortSignal) =>
  api.get<MessageList>('/messages', { query: { ...filters, q: q.trim(), cursor, limit: PAGE_SIZE }, signal });

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
