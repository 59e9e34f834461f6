// Keeping a commitment, saying what was done: the customer is told, and the message may close, so
// message views refresh along with the commitments.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CommitmentResult } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const fulfilCommitment = (commitmentId: string, outcome: string) =>
  api.post<CommitmentResult>(`/commitments/${encodeURIComponent(commitmentId)}/fulfil`, { outcome });

export function useFulfilCommitment(commitmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (outcome: string) => fulfilCommitment(commitmentId, outcome),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryRoots.commitments }),
        queryClient.invalidateQueries({ queryKey: queryRoots.messages }),
      ]),
  });
}
