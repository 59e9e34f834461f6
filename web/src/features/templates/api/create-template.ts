// A new reply template (managers and admins).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Template, TemplateInput } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const createTemplate = (input: TemplateInput) => api.post<Template>('/templates', input);

export function useCreateTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTemplate,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.templates }),
  });
}
