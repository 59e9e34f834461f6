// The customers' own words over a period, per team and language (managers and admins).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Words, WordsQuery } from '@ecoute/shared/words';
import { api } from '../../../lib/api-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';

export const getWords = (query: WordsQuery, signal?: AbortSignal) =>
  api.get<Words>('/stats/words', { query: { ...query }, signal });

export const wordsQueryOptions = (query: WordsQuery) =>
  queryOptions({ queryKey: [...queryRoots.words, query], queryFn: ({ signal }) => getWords(query, signal) });

export const useWords = (query: WordsQuery, enabled: boolean) => useQuery({ ...wordsQueryOptions(query), enabled });
