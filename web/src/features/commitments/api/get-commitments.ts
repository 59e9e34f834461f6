// Open or overdue commitments, everyone's or only mine.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Commitment } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export interface CommitmentFilters {
  status: 'open' | 'overdue';
  mine: boolean;
}

export const getCommitments = ({ status, mine }: CommitmentFilters, signal?: AbortSignal) =>
  api.get<{ items: Commitment[] }>('/commitments', { query: { status, owner: mine ? 'me' : undefined }, signal });

export const commitmentsQueryOptions = (filters: CommitmentFilters) =>
  queryOptions({
    queryKey: [...queryRoots.commitments, filters],
    queryFn: ({ signal }) => getCommitments(filters, signal),
    select: (data) => data.items,
  });

export const useCommitments = (filters: CommitmentFilters) => useQuery(commitmentsQueryOptions(filters));
