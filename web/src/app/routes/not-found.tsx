// Any other path of the app.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/layouts/page.tsx';
import { EmptyState } from '../../components/ui/states.tsx';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('errors.pageNotFound')}>
      <EmptyState title={t('errors.pageNotFound')}>
        <Link to="/inbox/unanswered">{t('message.backToInbox')}</Link>
      </EmptyState>
    </Page>
  );
}
