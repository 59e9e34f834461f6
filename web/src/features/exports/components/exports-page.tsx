// Settings › Exports (managers and admins): the messages of a period with their times, or the
// commitments made in it, as CSV files for a spreadsheet. The browser downloads them as they stream:
// plain links, in the agent's language (its separator and column names).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '@ecoute/shared/agent-contract';
import { utcDay } from '@ecoute/shared/calendar';
import { Page } from '../../../components/layouts/page.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { API_BASE } from '../../../lib/api-client.ts';
import { currentLanguage } from '../../../lib/i18n.ts';

const ALL = 'all';
const EXPORTS = ['messages', 'commitments'] as const;

/** The first of last month to today: a period a manager often wants, changed in two fields. */
function defaultPeriod() {
  const today = new Date();
  return {
    from: utcDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1))),
    to: utcDay(today),
  };
}

export function exportUrl(what: (typeof EXPORTS)[number], filters: { from: string; to: string; teamId: string }) {
  const query = new URLSearchParams({ locale: currentLanguage() });
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  if (filters.teamId) query.set('teamId', filters.teamId);
  return `${API_BASE}/exports/${what}.csv?${query}`;
}

export function ExportsPage({ teams }: { teams: Pick<Team, 'id' | 'name'>[] }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(defaultPeriod);
  const [teamId, setTeamId] = useState('');
  const backwards = period.from !== '' && period.to !== '' && period.from > period.to;
  const filters = { ...period, teamId };
  return (
    <Page title={t('exports.title')}>
      <p className="muted">{t('exports.explained')}</p>
      <div className="filters" role="group" aria-label={t('exports.period')}>
        <TextField
          label={t('exports.from')}
          type="date"
          value={period.from}
          onChange={(from) => setPeriod((before) => ({ ...before, from }))}
        />
        <TextField
          label={t('exports.to')}
          type="date"
          value={period.to}
          onChange={(to) => setPeriod((before) => ({ ...before, to }))}
          isInvalid={backwards}
          errorMessage={t('exports.backwards')}
        />
        <SelectField
          label={t('exports.team')}
          options={[
            { id: ALL, label: t('exports.allTeams') },
            ...teams.map((team) => ({ id: team.id, label: team.name })),
          ]}
          value={teamId || ALL}
          onChange={(id) => setTeamId(id === ALL ? '' : id)}
        />
      </div>
      <ul className="exports">
        {EXPORTS.map((what) => (
          <li key={what} className="exports__item">
            {backwards ? (
              <span className="button button--primary" aria-disabled="true">
                {t(`exports.${what}`)}
              </span>
            ) : (
              <a className="button button--primary" href={exportUrl(what, filters)} download>
                {t(`exports.${what}`)}
              </a>
            )}
            <span className="exports__hint">{t(`exports.${what}Hint`)}</span>
          </li>
        ))}
      </ul>
      <p className="muted exports__note">{t('exports.format')}</p>
    </Page>
  );
}
