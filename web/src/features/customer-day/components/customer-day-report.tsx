// One Customer Day's report: as published (or computed now, before publication or on request), with
// what managers do with it: print it, publish it (again, explicitly), and share it by links they can
// revoke. The toolbar and the share links are not printed.
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../../components/layouts/page.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { ActionError, ActionSuccess, EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { formatDateTime, formatDay } from '../../../lib/format.ts';
import { usePublishCustomerDay, useCustomerDayReport, type ReportVersion } from '../api/customer-days.ts';
import { ReportBody } from './report-body.tsx';
import { SharePanel } from './share-panel.tsx';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link className="back-link no-print" to="/customer-days">
      <span aria-hidden="true">← </span>
      {t('customerDay.back')}
    </Link>
  );
}

export function CustomerDayReportPage({ date }: { date: string }) {
  const { t, i18n } = useTranslation();
  const [version, setVersion] = useState<ReportVersion | undefined>(undefined);
  const view = useCustomerDayReport(date, version);
  const publish = usePublishCustomerDay(date);
  const title = t('customerDay.reportTitle', { date: formatDay(date, i18n.language) });

  if (view.isPending) {
    return (
      <Page title={title} before={<BackLink />}>
        <LoadingState />
      </Page>
    );
  }
  if (view.isError) {
    return (
      <Page title={title} before={<BackLink />}>
        {isApiError(view.error, 404) || isApiError(view.error, 400) ? (
          <EmptyState title={t('customerDay.notACustomerDay')} />
        ) : (
          <ErrorState error={view.error} onRetry={() => void view.refetch()} />
        )}
      </Page>
    );
  }

  const { report, publication, source } = view.data;
  const published = publication !== null;
  return (
    <Page
      title={title}
      className="customer-day-page"
      before={<BackLink />}
      actions={
        <div className="customer-day-toolbar no-print">
          <Button onPress={() => window.print()}>{t('customerDay.print')}</Button>
          <Button
            variant="primary"
            isPending={publish.isPending}
            onPress={() =>
              publish.mutate(published, {
                onSuccess: () => setVersion(undefined),
              })
            }
          >
            {published ? t('customerDay.republish') : t('customerDay.publish')}
          </Button>
        </div>
      }
    >
      <p className="muted">
        {t('customerDay.period', {
          from: formatDay(report.period.from.slice(0, 10), i18n.language),
          to: formatDay(report.period.date, i18n.language),
        })}
      </p>
      <p className="report-source">
        {source === 'published' && publication
          ? t('customerDay.asPublished', {
              date: formatDateTime(publication.publishedAt, i18n.language),
              version: publication.version,
              name: publication.publishedBy?.name ?? '',
            })
          : t('customerDay.live', { date: formatDateTime(report.generatedAt, i18n.language) })}
      </p>
      <div className="no-print">
        {published ? (
          <>
            <p className="muted">{t('customerDay.republishExplained')}</p>
            <Button
              size="small"
              variant="quiet"
              onPress={() => setVersion(source === 'published' ? 'live' : undefined)}
            >
              {source === 'published' ? t('customerDay.showLive') : t('customerDay.showPublished')}
            </Button>
          </>
        ) : (
          <p className="muted">{t('customerDay.notPublishedExplained')}</p>
        )}
        <ActionError error={publish.error} />
        {publish.isSuccess ? <ActionSuccess>{t('customerDay.publishedDone')}</ActionSuccess> : null}
      </div>
      <ReportBody report={report} />
      <SharePanel date={date} published={published} />
    </Page>
  );
}
