// A new one-time sign-in link for someone (admins): a lost or expired link, or a forgotten password.
// Their earlier unused links stop working; a password they have keeps working until the link is used.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedUser } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const createPasswordLink = (id: string) =>
  api.post<CreatedUser>(`/users/${encodeURIComponent(id)}/password-link`);

export function useCreatePasswordLink(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => createPasswordLink(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.users }),
  });
}
