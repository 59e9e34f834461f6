// The managers' dashboard: is anyone left without an answer, how long customers wait, are promises
// kept, per team and agent, for a period. Every number links to the inbox listing its messages; each
// chart has its table (the charts load on their own).
import { lazy, Suspense, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Activity, AgeKey, StatsOverview } from '@ecoute/shared/stats-contract';
import { Page } from '../../../components/layouts/page.tsx';
import { ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { formatDay } from '../../../lib/format.ts';
import { overviewCsvUrl, useOverview, type OverviewFilters } from '../api/get-overview.ts';
import { FigureLink, formatRate, formatSeconds } from './figure-link.tsx';

const DashboardCharts = lazy(() => import('./dashboard-charts.tsx'));
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="dashboard-card" aria-label={title}>
      <h3 className="dashboard-card__title">{title}</h3>
      <div className="dashboard-card__body">{children}</div>
    </section>
  );
}

function Times({ times, target }: { times: Activity['firstReply']; target?: number }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {formatSeconds(times.median, i18n.language)} / {formatSeconds(times.p90, i18n.language)}
      {target === undefined ? null : (
        <span className="dashboard-target">
          {' '}
          ({t('dashboard.target', { target: formatSeconds(target, i18n.language) })})
        </span>
      )}
    </>
  );
}

function Summary({ overview }: { overview: StatsOverview }) {
  const { t, i18n } = useTranslation();
  const { totals, unanswered, commitments } = overview;
  return (
    <div className="dashboard-cards">
      <Card title={t('dashboard.unanswered')}>
        <p className="dashboard-big">
          <FigureLink figure={unanswered.count} label={t('dashboard.unanswered')} />
        </p>
        <p>
          {t('dashboard.oldest')}:{' '}
          {unanswered.oldest ? formatSeconds(unanswered.oldest.ageSeconds, i18n.language) : '–'}
        </p>
      </Card>
      <Card title={t('dashboard.answerRate')}>
        <p className="dashboard-big">{formatRate(totals.answerRate, i18n.language)}</p>
        <p>
          <FigureLink figure={totals.answered} label={t('dashboard.answered')} /> /{' '}
          <FigureLink figure={totals.received} label={t('dashboard.received')} /> {t('dashboard.answeredOfReceived')}
        </p>
      </Card>
      <Card title={t('dashboard.acknowledge')}>
        <p>
          {t('dashboard.medianP90')}: <Times times={totals.acknowledge} />
        </p>
        <p>
          {t('dashboard.breached')}: <FigureLink figure={totals.acknowledge.breached} label={t('dashboard.breached')} />
        </p>
      </Card>
      <Card title={t('dashboard.firstReply')}>
        <p>
          {t('dashboard.medianP90')}: <Times times={totals.firstReply} />
        </p>
        <p>
          {t('dashboard.breached')}: <FigureLink figure={totals.firstReply.breached} label={t('dashboard.breached')} />
        </p>
      </Card>
      <Card title={t('dashboard.commitments')}>
        <dl className="dashboard-list">
          {(
            [
              ['open', commitments.open],
              ['dueThisWeek', commitments.dueThisWeek],
              ['overdue', commitments.overdue],
              ['keptOnTime', commitments.made.keptOnTime],
              ['keptLate', commitments.made.keptLate],
              ['dropped', commitments.made.dropped],
            ] as const
          ).map(([key, figure]) => (
            <div key={key}>
              <dt>{t(`dashboard.commitment.${key}`)}</dt>
              <dd>
                <FigureLink figure={figure} label={t(`dashboard.commitment.${key}`)} />
              </dd>
            </div>
          ))}
          <div>
            <dt>{t('dashboard.commitment.keptOnTimeRate')}</dt>
            <dd>{formatRate(commitments.made.keptOnTimeRate, i18n.language)}</dd>
          </div>
        </dl>
      </Card>
    </div>
  );
}

function WeeksTable({ overview }: { overview: StatsOverview }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="table">
      <caption>{t('dashboard.weeksCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.week')}</th>
          <th scope="col">{t('dashboard.received')}</th>
          <th scope="col">{t('dashboard.answered')}</th>
          <th scope="col">{t('dashboard.answerRate')}</th>
          <th scope="col">{t('dashboard.firstReplyMedian')}</th>
          <th scope="col">{t('dashboard.breached')}</th>
        </tr>
      </thead>
      <tbody>
        {overview.weeks.map((week) => (
          <tr key={week.start}>
            <th scope="row">{formatDay(week.start.slice(0, 10), i18n.language)}</th>
            <td>
              <FigureLink figure={week.received} />
            </td>
            <td>
              <FigureLink figure={week.answered} />
            </td>
            <td>{formatRate(week.answerRate, i18n.language)}</td>
            <td>{formatSeconds(week.firstReply.median, i18n.language)}</td>
            <td>
              <FigureLink figure={week.firstReply.breached} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AgesTable({ overview }: { overview: StatsOverview }) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <caption>{t('dashboard.agesCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.age')}</th>
          <th scope="col">{t('dashboard.unanswered')}</th>
        </tr>
      </thead>
      <tbody>
        {overview.unanswered.ages.map((age) => (
          <tr key={age.key}>
            <th scope="row">{t(`dashboard.ages.${age.key as AgeKey}`)}</th>
            <td>
              <FigureLink figure={age.count} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TeamsTable({ overview }: { overview: StatsOverview }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="table">
      <caption>{t('dashboard.teamsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.team')}</th>
          <th scope="col">{t('dashboard.unanswered')}</th>
          <th scope="col">{t('dashboard.received')}</th>
          <th scope="col">{t('dashboard.answerRate')}</th>
          <th scope="col">{t('dashboard.acknowledge')}</th>
          <th scope="col">{t('dashboard.firstReply')}</th>
          <th scope="col">{t('dashboard.breached')}</th>
        </tr>
      </thead>
      <tbody>
        {overview.teams.map((team) => (
          <tr key={team.id}>
            <th scope="row">
              {team.name}
              <span className="dashboard-target">
                {' '}
                ·{' '}
                {team.aroundTheClock
                  ? t('dashboard.aroundTheClock')
                  : t('dashboard.workingHours', { zone: team.timeZone })}
              </span>
            </th>
            <td>
              <FigureLink figure={team.unanswered} />
            </td>
            <td>
              <FigureLink figure={team.received} />
            </td>
            <td>{formatRate(team.answerRate, i18n.language)}</td>
            <td>
              <Times times={team.acknowledge} target={team.acknowledgeTargetSeconds} />
            </td>
            <td>
              <Times times={team.firstReply} target={team.firstReplyTargetSeconds} />
            </td>
            <td>
              <FigureLink figure={team.firstReply.breached} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AgentsTable({ overview }: { overview: StatsOverview }) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <caption>{t('dashboard.agentsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.agent')}</th>
          <th scope="col">{t('dashboard.firstReplies')}</th>
          <th scope="col">{t('dashboard.firstReply')}</th>
          <th scope="col">{t('dashboard.breached')}</th>
          <th scope="col">{t('dashboard.unansweredAssigned')}</th>
        </tr>
      </thead>
      <tbody>
        {overview.agents.map((agent) => (
          <tr key={agent.id}>
            <th scope="row">{agent.name}</th>
            <td>
              <FigureLink figure={agent.firstReplies} />
            </td>
            <td>
              <Times times={agent.firstReply} />
            </td>
            <td>
              <FigureLink figure={agent.firstReply.breached} />
            </td>
            <td>
              <FigureLink figure={agent.unanswered} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BreachesTable({ overview }: { overview: StatsOverview }) {
  const { t, i18n } = useTranslation();
  if (overview.breaches.length === 0) return <p>{t('dashboard.noBreach')}</p>;
  return (
    <table className="table">
      <caption>{t('dashboard.breachesCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.message')}</th>
          <th scope="col">{t('dashboard.team')}</th>
          <th scope="col">{t('dashboard.which')}</th>
          <th scope="col">{t('dashboard.took')}</th>
        </tr>
      </thead>
      <tbody>
        {overview.breaches.map((breach) => (
          <tr key={`${breach.messageId}-${breach.kind}`}>
            <th scope="row">
              <a href={`/messages/${breach.messageId}`}>{breach.reference}</a>
            </th>
            <td>{breach.team}</td>
            <td>{t(`dashboard.breach.${breach.kind}`)}</td>
            <td>
              {breach.workingSeconds === null
                ? t('dashboard.notYet')
                : formatSeconds(breach.workingSeconds, i18n.language)}{' '}
              ({t('dashboard.target', { target: formatSeconds(breach.targetSeconds, i18n.language) })})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Dashboard() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: OverviewFilters = {
    from: searchParams.get('from') ?? '',
    to: searchParams.get('to') ?? '',
    teamId: searchParams.get('teamId') ?? '',
    tz: searchParams.get('tz') ?? browserTimeZone(),
  };
  const overview = useOverview(filters);
  const setFilter = (name: keyof OverviewFilters, value: string) =>
    setSearchParams(
      (params) => {
        if (value) params.set(name, value);
        else params.delete(name);
        return params;
      },
      { replace: true },
    );
  return (
    <Page
      title={t('dashboard.title')}
      actions={
        <a className="button" href={overviewCsvUrl(filters)} download>
          {t('dashboard.csv')}
        </a>
      }
    >
      <form className="dashboard-filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('dashboard.from')}
          <input
            type="date"
            value={filters.from || overview.data?.period.from || ''}
            onChange={(event) => setFilter('from', event.target.value)}
          />
        </label>
        <label>
          {t('dashboard.to')}
          <input
            type="date"
            value={filters.to || overview.data?.period.to || ''}
            onChange={(event) => setFilter('to', event.target.value)}
          />
        </label>
        <label>
          {t('dashboard.team')}
          <select value={filters.teamId} onChange={(event) => setFilter('teamId', event.target.value)}>
            <option value="">{t('dashboard.allTeams')}</option>
            {(overview.data?.teams ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <p className="dashboard-target">{t('dashboard.timeZone', { zone: filters.tz })}</p>
      </form>
      {overview.isPending ? (
        <LoadingState />
      ) : overview.isError ? (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <>
          <Summary overview={overview.data} />
          <h2>{t('dashboard.trends')}</h2>
          <Suspense fallback={null}>
            <DashboardCharts overview={overview.data} chart="weeks" />
          </Suspense>
          <WeeksTable overview={overview.data} />
          <h2>{t('dashboard.ages.title')}</h2>
          <Suspense fallback={null}>
            <DashboardCharts overview={overview.data} chart="ages" />
          </Suspense>
          <AgesTable overview={overview.data} />
          <h2>{t('dashboard.byTeam')}</h2>
          <TeamsTable overview={overview.data} />
          <h2>{t('dashboard.byAgent')}</h2>
          <AgentsTable overview={overview.data} />
          <h2>{t('dashboard.breaches')}</h2>
          <BreachesTable overview={overview.data} />
        </>
      )}
    </Page>
  );
}
