// Settings › Forms: every form (one per site or product) with its key, languages and state; admins
// make new ones, managers read them.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../../components/layouts/page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { TimeAgo } from '../../../components/ui/time-ago.tsx';
import { useUser } from '../../../lib/auth.tsx';
import { hasRole } from '../../../lib/contract-values.ts';
import { useForms } from '../api/get-forms.ts';

export function FormsSettings() {
  const { t } = useTranslation();
  const user = useUser();
  const forms = useForms();
  const canWrite = hasRole(user.role, 'admin');
  return (
    <Page
      title={t('forms.title')}
      actions={
        canWrite ? (
          <Link className="button button--primary" to="/settings/forms/new">
            {t('forms.new')}
          </Link>
        ) : null
      }
    >
      <p className="lead">{t('forms.intro')}</p>
      {forms.isPending ? (
        <LoadingState />
      ) : forms.isError ? (
        <ErrorState error={forms.error} onRetry={() => void forms.refetch()} />
      ) : forms.data.length === 0 ? (
        <EmptyState title={t('forms.empty')} />
      ) : (
        <ul className="template-list">
          {forms.data.map((form) => (
            <li key={form.id} className="card template-item">
              <div className="template-item__head">
                <h2 className="template-item__name">
                  <Link to={`/settings/forms/${form.id}`}>{form.name}</Link>
                </h2>
                <span className="template-item__actions">
                  <span className="badge">{t(`languages.${form.defaultLocale}`)}</span>
                  {form.archived ? <span className="badge badge--closed">{t('forms.archived')}</span> : null}
                </span>
              </div>
              <p className="muted">
                <code>{form.key}</code> · {t('forms.messageCount', { count: form.messageCount })} ·{' '}
                {form.allowedOrigins.length === 0
                  ? t('forms.ownPagesOnly')
                  : form.allowedOrigins.includes('*')
                    ? t('forms.anyPage')
                    : form.allowedOrigins.join(', ')}
              </p>
              <p className="muted">
                {t('forms.updated')} <TimeAgo at={form.updatedAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
