// When a page itself breaks (a bug, a chunk that failed to load after a deploy): say so, offer a reload.
import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button.tsx';

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <div className="full-page">
      <div className="state state--error" role="alert">
        <p className="state__title">{t('errors.crashTitle')}</p>
        <p>{t('errors.crashBody')}</p>
        <Button variant="primary" onPress={() => window.location.reload()}>
          {t('errors.reload')}
        </Button>
      </div>
    </div>
  );
}
