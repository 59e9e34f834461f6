// The Customer Days: the next one, whose period is under way, and the past ones, each with its period
// and whether its report is published.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../../components/layouts/page.tsx';
import { ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { formatDateTime, formatDay } from '../../../lib/format.ts';
import { useCustomerDays } from '../api/customer-days.ts';

export function CustomerDayList() {
  const { t, i18n } = useTranslation();
  const days = useCustomerDays();
  return (
    <Page title={t('customerDay.title')}>
      <p className="muted">{t('customerDay.intro')}</p>
      {days.isPending ? (
        <LoadingState />
      ) : days.isError ? (
        <ErrorState error={days.error} onRetry={() => void days.refetch()} />
      ) : (
        <table className="table customer-day-list">
          <thead>
            <tr>
              <th scope="col">{t('customerDay.date')}</th>
              <th scope="col">{t('customerDay.periodHeading')}</th>
              <th scope="col">{t('customerDay.publication')}</th>
            </tr>
          </thead>
          <tbody>
            {days.data.map((day) => (
              <tr key={day.date}>
                <th scope="row">
                  <Link to={`/customer-days/${day.date}`}>{formatDay(day.date, i18n.language)}</Link>
                  {day.when === 'next' ? <span className="badge">{t('customerDay.next')}</span> : null}
                </th>
                <td>
                  {t('customerDay.period', {
                    from: formatDay(day.from.slice(0, 10), i18n.language),
                    to: formatDay(day.date, i18n.language),
                  })}
                </td>
                <td>
                  {day.publication
                    ? t('customerDay.published', {
                        date: formatDateTime(day.publication.publishedAt, i18n.language),
                        version: day.publication.version,
                      })
                    : t('customerDay.notPublished')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
