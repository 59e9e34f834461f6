// An internal note on a message: for colleagues, never shown to the customer.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AgentTimelineEvent } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { messageQueryKey } from './get-message.ts';

export const addNote = (messageId: string, body: string) =>
  api.post<AgentTimelineEvent>(`/messages/${encodeURIComponent(messageId)}/notes`, { body });

export function useAddNote(messageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => addNote(messageId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messageQueryKey(messageId) }),
  });
}
