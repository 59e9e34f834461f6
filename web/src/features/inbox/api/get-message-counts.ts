// How many messages each inbox view holds, for the navigation.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MessageCounts } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getMessageCounts = (signal?: AbortSignal) => api.get<MessageCounts>('/messages/counts', { signal });

export const messageCountsQueryOptions = () =>
  queryOptions({
    queryKey: [...queryRoots.messages, 'counts'],
    queryFn: ({ signal }) => getMessageCounts(signal),
    refetchInterval: 60_000,
  });

export const useMessageCounts = () => useQuery(messageCountsQueryOptions());
