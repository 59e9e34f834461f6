// The tags in use, to filter the inbox by.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getTags = (signal?: AbortSignal) => api.get<{ items: string[] }>('/tags', { signal });

export const tagsQueryOptions = () =>
  queryOptions({ queryKey: queryRoots.tags, queryFn: ({ signal }) => getTags(signal), select: (data) => data.items });

export const useTags = () => useQuery(tagsQueryOptions());
