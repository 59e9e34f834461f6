// /login: sign in, then back to the page that asked for it (only ever a path of this app).
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/layouts/app-layout.tsx';
import { LoadingState } from '../../components/ui/states.tsx';
import { LoginForm } from '../../features/auth/components/login-form.tsx';
import { useSession } from '../../lib/auth.tsx';
import { useDocumentTitle } from './use-document-title.ts';

/** Where to go after signing in: a path of this app, never another site ("//evil.example"). */
export function safeRedirect(target: string | null): string {
  return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\')
    ? target
    : '/inbox/unanswered';
}

export function LoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const session = useSession();
  const target = safeRedirect(searchParams.get('redirectTo'));
  useDocumentTitle(t('auth.signInTitle'));
  if (session.data) return <Navigate to={target} replace />;
  return (
    <div className="auth-page">
      <main className="auth-card">
        <div className="auth-card__top">
          <p className="brand brand--large">Ecoute</p>
          <LanguageSwitch />
        </div>
        <h1 className="auth-card__title">{t('auth.signInTitle')}</h1>
        {session.isPending ? <LoadingState /> : <LoginForm onSignedIn={() => navigate(target, { replace: true })} />}
      </main>
    </div>
  );
}
