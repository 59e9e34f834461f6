// Removing a subscriber of the weekly digest (managers and admins).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const removeDigestSubscriber = (id: string) => api.delete(`/digests/${encodeURIComponent(id)}`);

export function useRemoveDigestSubscriber(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => removeDigestSubscriber(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.digests }),
  });
}
