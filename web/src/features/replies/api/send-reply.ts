// Sending a reply (with any commitments it makes): the message's status, timeline and commitments
// change, and so do the inbox views and their counts.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReplyInput, ReplyResult } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const sendReply = (messageId: string, input: ReplyInput) =>
  api.post<ReplyResult>(`/messages/${encodeURIComponent(messageId)}/replies`, input);

/** `onSent` runs once the server has the reply, even when the composer is gone by then. */
export function useSendReply(messageId: string, { onSent }: { onSent?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReplyInput) => sendReply(messageId, input),
    onSuccess: () => {
      onSent?.();
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryRoots.messages }),
        queryClient.invalidateQueries({ queryKey: queryRoots.commitments }),
      ]);
    },
  });
}
