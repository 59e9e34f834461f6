// Adding someone to the team (admins): the answer carries the one-time link to choose a password.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedUser, NewUser } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const createUser = (input: NewUser) => api.post<CreatedUser>('/users', input);

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.users }),
  });
}
