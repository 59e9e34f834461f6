// A new form (admins).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormInput, FormSettings } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const createForm = (input: FormInput) => api.post<FormSettings>('/forms', input);

export function useCreateForm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createForm,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.forms }),
  });
}
