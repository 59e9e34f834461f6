// The forms: their settings for managers (admins change them), their names for every agent (the
// inbox's form filter, the routing rules' form condition).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { FormList, FormRef, FormSettings } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getForms = (signal?: AbortSignal) => api.get<FormList>('/forms', { signal });

const isFormSettings = (item: FormList['items'][number]): item is FormSettings => 'messageCount' in item;

export const formsQueryOptions = () =>
  queryOptions({
    queryKey: queryRoots.forms,
    queryFn: ({ signal }) => getForms(signal),
  });

/** Every form's settings (the server gives them to managers and admins only). */
export const useForms = () => useQuery({ ...formsQueryOptions(), select: (data) => data.items.filter(isFormSettings) });

/** Every form by name, for pickers: what every agent is given. */
export const useFormRefs = () =>
  useQuery({
    ...formsQueryOptions(),
    select: (data): FormRef[] => data.items.map(({ id, key, name, archived }) => ({ id, key, name, archived })),
  });
