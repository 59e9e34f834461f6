// One inbound mail with its original (admins): read when an admin opens it.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InboundMailDetail } from '@ecoute/shared/inbound-mail';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getInboundMail = (id: string, signal?: AbortSignal) =>
  api.get<InboundMailDetail>(`/inbound-mails/${encodeURIComponent(id)}`, { signal });

export const inboundMailQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...queryRoots.inboundMails, 'detail', id],
    queryFn: ({ signal }) => getInboundMail(id, signal),
    staleTime: Infinity,
  });

export const useInboundMail = (id: string) => useQuery(inboundMailQueryOptions(id));
