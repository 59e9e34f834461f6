// /set-password?token=…: the page of the one-time link an admin sends to a new user.
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/layouts/app-layout.tsx';
import { EmptyState } from '../../components/ui/states.tsx';
import { SetPasswordForm } from '../../features/auth/components/set-password-form.tsx';
import { useDocumentTitle } from './use-document-title.ts';

export function SetPasswordRoute() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token');
  useDocumentTitle(t('auth.setPasswordTitle'));
  return (
    <div className="auth-page">
      <main className="auth-card">
        <div className="auth-card__top">
          <p className="brand brand--large">Ecoute</p>
          <LanguageSwitch />
        </div>
        <h1 className="auth-card__title">{t('auth.setPasswordTitle')}</h1>
        {token ? (
          <SetPasswordForm token={token} />
        ) : (
          <EmptyState title={t('auth.linkMissing')}>
            <p>{t('auth.linkMissingBody')}</p>
            <Link to="/login">{t('auth.signIn')}</Link>
          </EmptyState>
        )}
      </main>
    </div>
  );
}
