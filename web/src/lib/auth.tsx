// The signed-in session, shared by every feature: who the user is, their role, and the CSRF token
// that the API client sends. No session is `null`, not an error. The tab remembers who was signed
// in until they sign out, so that a session that ends by itself can be told apart (see tab-storage).
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Login, ProfileChange, Session, User } from '@ecoute/shared/agent-contract';
import { api, isApiError, setCsrfToken } from './api-client.ts';
import { changeLanguage, currentLanguage, type Language } from './i18n.ts';
import { queryRoots } from './query-keys.ts';
import { forgetSignedIn, rememberSignedIn } from './tab-storage.ts';

export async function getSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/auth/me');
    setCsrfToken(session.csrfToken);
    rememberSignedIn(session.user.id);
    return session;
  } catch (error) {
    if (isApiError(error, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: queryRoots.session, queryFn: getSession, staleTime: 5 * 60_000 });

export const useSession = () => useQuery(sessionQueryOptions());

// The signed-in layout hands the user down from the one place that checked the session, so that
// no page below it ever renders without one (not even while signing out redirects away).
const SignedInUser = createContext<User | null>(null);

export function SignedInUserProvider({ user, children }: { user: User; children: ReactNode }) {
  return <SignedInUser.Provider value={user}>{children}</SignedInUser.Provider>;
}

/** The signed-in user, for components that render inside the signed-in layout. */
export function useUser(): User {
  const user = useContext(SignedInUser);
  if (!user) throw new Error('useUser() outside SignedInUserProvider');
  return user;
}

export const login = (input: Login) => api.post<Session>('/auth/login', input);

/**
 * Puts the new session (or none) in the cache and forgets everything else, which belonged to
 * whoever was signed in before. The session query itself stays, so that its observers (the session
 * gate) hear about the change at once.
 */
function useReplaceSession() {
  const queryClient = useQueryClient();
  return (session: Session | null) => {
    setCsrfToken(session?.csrfToken ?? null);
    if (session) rememberSignedIn(session.user.id);
    queryClient.setQueryData(queryRoots.session, session);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryRoots.session[0] });
  };
}

export function useLogin() {
  const replaceSession = useReplaceSession();
  return useMutation({ mutationFn: login, onSuccess: replaceSession });
}

export const logout = () => api.post<void>('/auth/logout');

export function useLogout() {
  const replaceSession = useReplaceSession();
  const signedOut = () => {
    // The user chose to leave: their drafts go with them, and the sign-in page has nothing to explain.
    forgetSignedIn();
    replaceSession(null);
  };
  // Signed out either way: a session the server no longer knows is as good as ended.
  return useMutation({ mutationFn: logout, onSuccess: signedOut, onError: signedOut });
}

const updateProfile = (change: ProfileChange) => api.patch<User>('/me', change);

/**
 * The signed-in user's language, kept in their profile (emails to them speak it): the one they saved
 * is applied when they sign in on another browser, and `save` keeps a new choice.
 */
export function useProfileLanguage() {
  const { locale } = useUser();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (locale && locale !== currentLanguage()) changeLanguage(locale);
  }, [locale]);
  return useMutation({
    mutationFn: (language: Language) => updateProfile({ locale: language }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryRoots.session }),
  });
}
