// The team: every agent may read it (owner and assignee pickers); admins manage it.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { User } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getUsers = (signal?: AbortSignal) => api.get<{ items: User[] }>('/users', { signal });

export const usersQueryOptions = () =>
  queryOptions({
    queryKey: queryRoots.users,
    queryFn: ({ signal }) => getUsers(signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });

export const useUsers = () => useQuery(usersQueryOptions());
