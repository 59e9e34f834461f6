// Deleting a template (managers and admins); replies already sent with it are not affected.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const deleteTemplate = (id: string) => api.delete(`/templates/${encodeURIComponent(id)}`);

export function useDeleteTemplate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteTemplate(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.templates }),
  });
}
