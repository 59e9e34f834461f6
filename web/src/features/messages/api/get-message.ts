// One message with everything an agent needs to answer it: the words, the timeline, commitments.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MessageDetail } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getMessage = (id: string, signal?: AbortSignal) =>
  api.get<MessageDetail>(`/messages/${encodeURIComponent(id)}`, { signal });

export const messageQueryKey = (id: string) => [...queryRoots.messages, 'detail', id] as const;

export const messageQueryOptions = (id: string) =>
  queryOptions({ queryKey: messageQueryKey(id), queryFn: ({ signal }) => getMessage(id, signal) });

export const useMessage = (id: string) => useQuery(messageQueryOptions(id));
