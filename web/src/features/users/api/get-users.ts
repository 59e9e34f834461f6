// The team: every agent may read it (owner and assignee pickers) as teammates, without emails;
// admins are given every user in full, to manage them.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { User, UserList } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getUsers = (signal?: AbortSignal) => api.get<UserList>('/users', { signal });

const isFullUser = (item: UserList['items'][number]): item is User => 'email' in item;

export const usersQueryOptions = () =>
  queryOptions({
    queryKey: queryRoots.users,
    queryFn: ({ signal }) => getUsers(signal),
    staleTime: 5 * 60_000,
  });

/** Teammates, for pickers: what everyone is given (an admin's full users are teammates too). */
export const useTeammates = () => useQuery({ ...usersQueryOptions(), select: (data) => data.items });

/** Full users, for the admins' settings page (the server gives them to admins only). */
export const useUsers = () => useQuery({ ...usersQueryOptions(), select: (data) => data.items.filter(isFullUser) });
