// What an admin does with an unmatched mail: attach it to a message (its words become the
// customer's there, so messages change too) or dismiss it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InboundMailSummary } from '@ecoute/shared/inbound-mail';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const attachInboundMail = (id: string, messageId: string) =>
  api.post<InboundMailSummary>(`/inbound-mails/${encodeURIComponent(id)}/attach`, { messageId });

export const dismissInboundMail = (id: string) =>
  api.post<InboundMailSummary>(`/inbound-mails/${encodeURIComponent(id)}/dismiss`);

export function useAttachInboundMail(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => attachInboundMail(id, messageId),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryRoots.inboundMails });
      await queryClient.invalidateQueries({ queryKey: queryRoots.messages });
    },
  });
}

export function useDismissInboundMail(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => dismissInboundMail(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.inboundMails }),
  });
}
