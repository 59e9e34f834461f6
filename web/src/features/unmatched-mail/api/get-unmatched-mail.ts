// The mail Ecoute could not place (admins), newest first, page by page (keyset cursor).
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { UnmatchedMailList } from '@ecoute/shared/inbound-mail';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

const PAGE_SIZE = 50;

export const getUnmatchedMail = (cursor: string | null, signal?: AbortSignal) =>
  api.get<UnmatchedMailList>('/inbound-mails/unmatched', { query: { cursor, limit: PAGE_SIZE }, signal });

export const unmatchedMailQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: [...queryRoots.inboundMails, 'unmatched'],
    queryFn: ({ pageParam, signal }) => getUnmatchedMail(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

export const useUnmatchedMail = () => useInfiniteQuery(unmatchedMailQueryOptions());
