// Changing a template's name, language or text (managers and admins).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Template, TemplateInput } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const updateTemplate = (id: string, change: Partial<TemplateInput>) =>
  api.patch<Template>(`/templates/${encodeURIComponent(id)}`, change);

export function useUpdateTemplate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: Partial<TemplateInput>) => updateTemplate(id, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.templates }),
  });
}
