// Subscribing an address to the weekly digest of a team or a tag (managers and admins).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DigestSubscriber, DigestSubscriberInput } from '@ecoute/shared/digest-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const addDigestSubscriber = (input: DigestSubscriberInput) => api.post<DigestSubscriber>('/digests', input);

export function useAddDigestSubscriber() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addDigestSubscriber,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.digests }),
  });
}
