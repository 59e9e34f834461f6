// Who takes care of a message (or nobody): changes the "mine" view and its count as well.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MessageSummary } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const assignMessage = (messageId: string, assigneeId: string | null) =>
  api.post<MessageSummary>(`/messages/${encodeURIComponent(messageId)}/assign`, { assigneeId });

export function useAssignMessage(messageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assigneeId: string | null) => assignMessage(messageId, assigneeId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.messages }),
  });
}
