// Admins create a team, change it (name, default, targets) and its members; every change refreshes
// the teams and the messages (a team's name shows on them).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NewTeam, Team, TeamChange } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

const teamPath = (id: string) => `/teams/${encodeURIComponent(id)}`;

export const createTeam = (input: NewTeam) => api.post<Team>('/teams', input);
export const updateTeam = (id: string, change: TeamChange) => api.patch<Team>(teamPath(id), change);
export const addTeamMember = (id: string, userId: string) => api.post<Team>(`${teamPath(id)}/members`, { userId });
export const removeTeamMember = (id: string, userId: string) =>
  api.delete<Team>(`${teamPath(id)}/members/${encodeURIComponent(userId)}`);

function useTeamMutation<I>(change: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryRoots.teams }),
        queryClient.invalidateQueries({ queryKey: queryRoots.messages }),
      ]),
  });
}

export const useCreateTeam = () => useTeamMutation(createTeam);
export const useUpdateTeam = (id: string) => useTeamMutation((change: TeamChange) => updateTeam(id, change));
export const useAddTeamMember = (id: string) => useTeamMutation((userId: string) => addTeamMember(id, userId));
export const useRemoveTeamMember = (id: string) => useTeamMutation((userId: string) => removeTeamMember(id, userId));
