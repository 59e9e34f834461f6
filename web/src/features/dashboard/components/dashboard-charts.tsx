// The dashboard's charts, loaded on their own (recharts stays out of every other page's bundle). Each
// chart is a picture of a table the page shows next to it: screen readers read the table.
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { AgeKey, StatsOverview } from '@ecoute/shared/stats-contract';
import { formatDay } from '../../../lib/format.ts';

export default function DashboardCharts({ overview, chart }: { overview: StatsOverview; chart: 'weeks' | 'ages' }) {
  const { t, i18n } = useTranslation();
  if (chart === 'ages') {
    const data = overview.unanswered.ages.map((age) => ({
      name: t(`dashboard.ages.${age.key as AgeKey}`),
      count: age.count.value,
    }));
    return (
      <div className="dashboard-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name={t('dashboard.unanswered')} fill="#3b6ea5" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    );
  }
  const data = overview.weeks.map((week) => ({
    name: formatDay(week.start.slice(0, 10), i18n.language),
    rate: week.answerRate === null ? null : Math.round(week.answerRate * 1000) / 10,
    firstReply: week.firstReply.median === null ? null : Math.round(week.firstReply.median / 60),
  }));
  return (
    <div className="dashboard-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis yAxisId="rate" domain={[0, 100]} unit="%" />
          <YAxis yAxisId="minutes" orientation="right" unit=" min" />
          <Tooltip />
          <Line
            yAxisId="rate"
            dataKey="rate"
            name={t('dashboard.answerRate')}
            stroke="#3b6ea5"
            isAnimationActive={false}
          />
          <Line
            yAxisId="minutes"
            dataKey="firstReply"
            name={t('dashboard.firstReplyMedian')}
            stroke="#b5562b"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
