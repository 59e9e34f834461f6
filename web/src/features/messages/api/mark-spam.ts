// Quarantine a message as spam, or take it out: never a deletion, a person can always look again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MessageStatus } from '@ecoute/shared/contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const markSpam = (messageId: string, spam: boolean) =>
  api.post<{ status: MessageStatus }>(`/messages/${encodeURIComponent(messageId)}/${spam ? 'spam' : 'not-spam'}`);

export function useMarkSpam(messageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (spam: boolean) => markSpam(messageId, spam),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.messages }),
  });
}
