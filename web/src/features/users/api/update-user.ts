// Changing someone's role or name, or deactivating them (admins). A deactivated user is signed out.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User, UserChange } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const updateUser = (id: string, change: UserChange) =>
  api.patch<User>(`/users/${encodeURIComponent(id)}`, change);

export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: UserChange) => updateUser(id, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.users }),
  });
}
