// Sending a reply (with any commitments it makes): the message's status, timeline and commitments
// change, and so do the inbox views and their counts.
import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReplyInput, ReplyResult } from '@ecoute/shared/agent-contract';
import { api, isApiError } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const sendReply = (messageId: string, input: ReplyInput, idempotencyKey: string) =>
  api.post<ReplyResult>(`/messages/${encodeURIComponent(messageId)}/replies`, input, {
    'idempotency-key': idempotencyKey,
  });

/** 128 random bits in hex: crypto.randomUUID is missing on pages served over plain HTTP. */
function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * `onSent` runs once the server has the reply, even when the composer is gone by then. The same
 * reply sent again (its answer was lost, the network failed) carries the same Idempotency-Key, so
 * the customer never gets it twice; an edited reply is a new one. Refused because the conversation
 * changed, the message is read again, so that its timeline shows what did.
 */
export function useSendReply(messageId: string, { onSent }: { onSent?: () => void } = {}) {
  const queryClient = useQueryClient();
  const attempt = useRef<{ input: string; key: string } | null>(null);
  return useMutation({
    mutationFn: (input: ReplyInput) => {
      const sent = JSON.stringify(input);
      if (attempt.current?.input !== sent) attempt.current = { input: sent, key: newIdempotencyKey() };
      return sendReply(messageId, input, attempt.current.key);
    },
    onSuccess: () => {
      attempt.current = null;
      onSent?.();
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryRoots.messages }),
        queryClient.invalidateQueries({ queryKey: queryRoots.commitments }),
      ]);
    },
    onError: (error) => {
      if (isApiError(error, 409) && error.code === 'conversation_changed') {
        return queryClient.invalidateQueries({ queryKey: queryRoots.messages });
      }
    },
  });
}
