// Changing or archiving a form (admins): other Ecoute processes see it within 3 seconds.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormChange, FormSettings } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const updateForm = (id: string, change: FormChange) =>
  api.patch<FormSettings>(`/forms/${encodeURIComponent(id)}`, change);

export function useUpdateForm(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: FormChange) => updateForm(id, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.forms }),
  });
}
