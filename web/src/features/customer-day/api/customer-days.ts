// Customer Days and their reports: the list, one report (as published, or computed now), publication,
// share links, and the pin of one message. Every change refreshes the whole Customer Day root.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CustomerDayReportView,
  CustomerDaySummary,
  NewShare,
  Pin,
  Share,
} from '@ecoute/shared/customer-day-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

const dayPath = (date: string) => `/reports/customer-days/${encodeURIComponent(date)}`;
const pinPath = (messageId: string) => `/messages/${encodeURIComponent(messageId)}/customer-day-pin`;

export type ReportVersion = 'published' | 'live';

export const customerDaysQueryOptions = () =>
  queryOptions({
    queryKey: [...queryRoots.customerDays, 'list'],
    queryFn: ({ signal }) => api.get<{ items: CustomerDaySummary[] }>('/reports/customer-days', { signal }),
    select: (data) => data.items,
  });
export const useCustomerDays = () => useQuery(customerDaysQueryOptions());

export const customerDayReportQueryOptions = (date: string, version?: ReportVersion) =>
  queryOptions({
    queryKey: [...queryRoots.customerDays, 'report', date, version ?? 'default'],
    queryFn: ({ signal }) => api.get<CustomerDayReportView>(dayPath(date), { signal, query: { version } }),
  });
export const useCustomerDayReport = (date: string, version?: ReportVersion) =>
  useQuery(customerDayReportQueryOptions(date, version));

export const customerDaySharesQueryOptions = (date: string) =>
  queryOptions({
    queryKey: [...queryRoots.customerDays, 'shares', date],
    queryFn: ({ signal }) => api.get<{ items: Share[] }>(`${dayPath(date)}/shares`, { signal }),
    select: (data) => data.items,
  });
export const useCustomerDayShares = (date: string) => useQuery(customerDaySharesQueryOptions(date));

export const customerDayPinQueryOptions = (messageId: string) =>
  queryOptions({
    queryKey: [...queryRoots.customerDays, 'pin', messageId],
    queryFn: ({ signal }) => api.get<{ pin: Pin | null }>(pinPath(messageId), { signal }),
    select: (data) => data.pin,
  });
export const useCustomerDayPin = (messageId: string) => useQuery(customerDayPinQueryOptions(messageId));

/** A mutation that refreshes every Customer Day query (and the message's timeline) once done. */
function useCustomerDayMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryRoots.customerDays }),
        queryClient.invalidateQueries({ queryKey: queryRoots.messages }),
      ]),
  });
}

export const usePublishCustomerDay = (date: string) =>
  useCustomerDayMutation((republish: boolean) =>
    api.post<CustomerDayReportView>(`${dayPath(date)}/publication`, { republish }),
  );

export const useCreateShare = (date: string) =>
  useCustomerDayMutation(() => api.post<NewShare>(`${dayPath(date)}/shares`));

export const useRevokeShare = () =>
  useCustomerDayMutation((id: string) => api.delete(`/reports/customer-day-shares/${encodeURIComponent(id)}`));

export const usePin = (messageId: string) =>
  useCustomerDayMutation((note: string | null) => api.put<Pin>(pinPath(messageId), { note }));

export const useUnpin = (messageId: string) => useCustomerDayMutation(() => api.delete(pinPath(messageId)));
