// The reply templates (any agent may read them: the composer offers them).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Template } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getTemplates = (signal?: AbortSignal) => api.get<{ items: Template[] }>('/templates', { signal });

export const templatesQueryOptions = () =>
  queryOptions({
    queryKey: queryRoots.templates,
    queryFn: ({ signal }) => getTemplates(signal),
    select: (data) => data.items,
  });

export const useTemplates = () => useQuery(templatesQueryOptions());
