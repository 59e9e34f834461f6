// The routing rules in their order (managers write them), and the preview of a draft or of the list.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoutingPreview, RoutingRuleInput, RoutingRuleView } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

const rulePath = (id: string) => `/routing-rules/${encodeURIComponent(id)}`;

export const getRoutingRules = (signal?: AbortSignal) =>
  api.get<{ items: RoutingRuleView[] }>('/routing-rules', { signal });

export const routingRulesQueryOptions = () =>
  queryOptions({
    queryKey: queryRoots.routingRules,
    queryFn: ({ signal }) => getRoutingRules(signal),
    select: (data) => data.items,
  });

export const useRoutingRules = () => useQuery(routingRulesQueryOptions());

/** Creates the rule (no id) or replaces it; `position` moves it in the order. */
export const saveRoutingRule = (id: string | undefined, input: RoutingRuleInput) =>
  id ? api.put<RoutingRuleView>(rulePath(id), input) : api.post<RoutingRuleView>('/routing-rules', input);
export const deleteRoutingRule = (id: string) => api.delete(rulePath(id));
export const previewRouting = (rule: Omit<RoutingRuleInput, 'position'> | undefined) =>
  api.post<RoutingPreview>('/routing-rules/preview', rule ? { rule } : {});

export function useSaveRoutingRule(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RoutingRuleInput) => saveRoutingRule(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.routingRules }),
  });
}

export function useDeleteRoutingRule(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteRoutingRule(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.routingRules }),
  });
}

/** Moves a rule to a new place in the order (the others follow). */
export function useMoveRoutingRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rule, position }: { rule: RoutingRuleView; position: number }) => {
      const { id, updatedAt: _updatedAt, ...input } = rule;
      return saveRoutingRule(id, { ...input, position });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.routingRules }),
  });
}

export const usePreviewRouting = () => useMutation({ mutationFn: previewRouting });
