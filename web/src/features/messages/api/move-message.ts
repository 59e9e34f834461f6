// Moving a message to a team and giving it to someone (or nobody), with a reason: changes the views
// ("mine", "my teams") and their counts as well.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MessageMove, MessageSummary } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const moveMessage = (messageId: string, move: MessageMove) =>
  api.patch<MessageSummary>(`/messages/${encodeURIComponent(messageId)}`, move);

export function useMoveMessage(messageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (move: MessageMove) => moveMessage(messageId, move),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.messages }),
  });
}
