// The forms and their settings (managers read them, admins change them).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { FormSettings } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getForms = (signal?: AbortSignal) => api.get<{ items: FormSettings[] }>('/forms', { signal });

export const formsQueryOptions = () =>
  queryOptions({
    queryKey: queryRoots.forms,
    queryFn: ({ signal }) => getForms(signal),
    select: (data) => data.items,
  });

export const useForms = () => useQuery(formsQueryOptions());
