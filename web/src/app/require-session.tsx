// The gate of the signed-in pages: while the session loads, a calm loading screen; without one, the
// sign-in page, which brings the user back here afterwards.
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppLayout } from '../components/layouts/app-layout.tsx';
import { ErrorState, LoadingState } from '../components/ui/states.tsx';
import { SignedInUserProvider, useSession } from '../lib/auth.tsx';

export function RequireSession() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <div className="full-page">
        <LoadingState label={t('common.loading')} />
      </div>
    );
  }
  if (session.isError) {
    return (
      <div className="full-page">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </div>
    );
  }
  if (!session.data) {
    const here = location.pathname + location.search;
    return <Navigate to={`/login?redirectTo=${encodeURIComponent(here)}`} replace />;
  }
  return (
    <SignedInUserProvider user={session.data.user}>
      <AppLayout />
    </SignedInUserProvider>
  );
}
