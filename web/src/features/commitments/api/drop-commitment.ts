// Dropping a commitment, saying why: the customer is told that too, and the message may close, so
// message views refresh along with the commitments.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CommitmentResult } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const dropCommitment = (commitmentId: string, reason: string) =>
  api.post<CommitmentResult>(`/commitments/${encodeURIComponent(commitmentId)}/drop`, { reason });

export function useDropCommitment(commitmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => dropCommitment(commitmentId, reason),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryRoots.commitments }),
        queryClient.invalidateQueries({ queryKey: queryRoots.messages }),
      ]),
  });
}
