// The dashboard's numbers for a period and team: one request, the same one the CSV link makes.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StatsOverview } from '@ecoute/shared/stats-contract';
import { api } from '../../../lib/api-client.ts';

export interface OverviewFilters {
  from: string;
  to: string;
  teamId: string;
  tz: string;
}

const query = ({ from, to, teamId, tz }: OverviewFilters) => ({
  from: from || undefined,
  to: to || undefined,
  teamId: teamId || undefined,
  tz: tz || undefined,
});

export const getOverview = (filters: OverviewFilters, signal?: AbortSignal) =>
  api.get<StatsOverview>('/stats/overview', { query: query(filters), signal });

/** The CSV of the same numbers, for a download link. */
export function overviewCsvUrl(filters: OverviewFilters): string {
  const params = new URLSearchParams({ format: 'csv' });
  for (const [name, value] of Object.entries(query(filters))) if (value) params.set(name, value);
  return `/api/v1/stats/overview?${params}`;
}

export const overviewQueryOptions = (filters: OverviewFilters) =>
  queryOptions({ queryKey: ['stats', 'overview', filters], queryFn: ({ signal }) => getOverview(filters, signal) });

export const useOverview = (filters: OverviewFilters) => useQuery(overviewQueryOptions(filters));
