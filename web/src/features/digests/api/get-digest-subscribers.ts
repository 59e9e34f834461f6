// The weekly digest's subscribers (managers and admins).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DigestSubscriberList } from '@ecoute/shared/digest-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getDigestSubscribers = (signal?: AbortSignal) => api.get<DigestSubscriberList>('/digests', { signal });

export const digestSubscribersQueryOptions = () =>
  queryOptions({
    queryKey: queryRoots.digests,
    queryFn: ({ signal }) => getDigestSubscribers(signal),
    select: (data) => data.items,
  });

export const useDigestSubscribers = () => useQuery(digestSubscribersQueryOptions());
