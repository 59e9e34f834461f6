// How many messages each inbox view holds, for the navigation.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MessageCounts } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { pollWhileOffline } from '../../../lib/live-events.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getMessageCounts = (signal?: AbortSignal) => api.get<MessageCounts>('/messages/counts', { signal });

export const messageCountsQueryOptions = () =>
  queryOptions({
    queryKey: [...queryRoots.messages, 'counts'],
    queryFn: ({ signal }) => getMessageCounts(signal),
    // Refreshed by the live stream; polled only while it fails.
    refetchInterval: pollWhileOffline,
  });

export const useMessageCounts = () => useQuery(messageCountsQueryOptions());
