// The teams with their members and targets (any agent reads them: to move a message, to filter).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Team } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getTeams = (signal?: AbortSignal) => api.get<{ items: Team[] }>('/teams', { signal });

export const teamsQueryOptions = () =>
  queryOptions({ queryKey: queryRoots.teams, queryFn: ({ signal }) => getTeams(signal), select: (data) => data.items });

export const useTeams = () => useQuery(teamsQueryOptions());
