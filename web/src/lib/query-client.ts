// The query cache of the app: no retries for answers the server meant (4xx), and a 401 anywhere
// means the session is gone, which sends the user back to the sign-in page. That page says the
// session ended when this tab still remembers who was signed in (only signing out forgets it), and
// the composer keeps its draft in the tab, so nothing written is lost on the way.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client.ts';
import { queryRoots } from './query-keys.ts';

export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    // The session query itself answers null on 401; anything else that gets one lost the session.
    if (isApiError(error, 401)) queryClient.setQueryData(queryRoots.session, null);
    // A role taken away meanwhile: read the session again, so the menus follow at once.
    if (isApiError(error, 403) && error.code === 'forbidden') {
      void queryClient.invalidateQueries({ queryKey: queryRoots.session });
    }
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
