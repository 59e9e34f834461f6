// An admin sends a failed email again: it goes back to waiting, on the Outbox and its message.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EmailSummary } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const retryEmail = (id: string) => api.post<EmailSummary>(`/outbox/${encodeURIComponent(id)}/retry`);

export function useRetryEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryEmail,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryRoots.outbox }),
        queryClient.invalidateQueries({ queryKey: queryRoots.messages }),
      ]),
  });
}
