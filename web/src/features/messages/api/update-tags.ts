// A message's tags, replaced as a whole: the inbox rows and the list of tags in use change too.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const updateTags = (messageId: string, tags: string[]) =>
  api.put<{ tags: string[] }>(`/messages/${encodeURIComponent(messageId)}/tags`, { tags });

export function useUpdateTags(messageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tags: string[]) => updateTags(messageId, tags),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryRoots.messages }),
        queryClient.invalidateQueries({ queryKey: queryRoots.tags }),
      ]),
  });
}
