// "The customers' own words": the terms and phrases customers used most in a period, and those rising
// against the period before, as tables (each count links to the inbox filtered to exactly those
// messages). The period, team and language are in the URL, so a view can be shared.
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { WordCount, WordsQuery } from '@ecoute/shared/words';
import { Page } from '../../../components/layouts/page.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useWords } from '../api/get-words.ts';

const ALL = 'all';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

export interface WordsPageProps {
  teams: Array<{ id: string; name: string }>;
}

/** The inbox listing the messages behind a count: all of them (spam aside), with the same filters. */
function inboxLink(word: WordCount, query: WordsQuery): string {
  const params = new URLSearchParams({ word: word.term, said: word.text, from: query.from, to: query.to });
  if (query.teamId) params.set('teamId', query.teamId);
  if (query.locale) params.set('locale', query.locale);
  return `/inbox/all?${params.toString()}`;
}

function WordTable({
  caption,
  words,
  query,
  rising = false,
}: {
  caption: string;
  words: WordCount[];
  query: WordsQuery;
  rising?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section className="words__section">
      <h2 className="words__heading">{caption}</h2>
      {words.length === 0 ? (
        <p className="words__none">{t('words.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="words__table">
            <thead>
              <tr>
                <th scope="col">{t('words.term')}</th>
                <th scope="col">{t('words.messages')}</th>
                {rising ? <th scope="col">{t('words.before')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {words.map((word) => (
                <tr key={word.term}>
                  <th scope="row" lang={query.locale}>
                    {word.text}
                  </th>
                  <td>
                    <Link
                      to={inboxLink(word, query)}
                      aria-label={t('words.showMessages', { count: word.messages, text: word.text })}
                    >
                      {word.messages}
                    </Link>
                  </td>
                  {rising ? <td>{word.previousMessages}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function WordsPage({ teams }: WordsPageProps) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  // The last 30 days by default, today included (UTC days, as the inbox's dates).
  const today = Date.now();
  const from = searchParams.get('from') ?? dayOf(today - 29 * DAY_MS);
  const to = searchParams.get('to') ?? dayOf(today);
  const teamId = searchParams.get('teamId') ?? '';
  const locale = searchParams.get('locale') ?? '';
  const query: WordsQuery = {
    from,
    to,
    ...(teamId ? { teamId } : {}),
    ...(locale === 'fr' || locale === 'en' ? { locale } : {}),
  };
  const valid = DAY.test(from) && DAY.test(to) && from <= to;
  const words = useWords(query, valid);
  const update = (name: string, value: string) =>
    setSearchParams(
      (params) => {
        params.set('from', from);
        params.set('to', to);
        if (value) params.set(name, value);
        else params.delete(name);
        return params;
      },
      { replace: true },
    );

  return (
    <Page title={t('words.title')} className="words">
      <p className="words__intro">{t('words.intro')}</p>
      <div className="filters" role="group" aria-label={t('words.period')}>
        <TextField
          label={t('words.from')}
          type="date"
          value={from}
          onChange={(value) => update('from', value)}
          isInvalid={!valid}
        />
        <TextField
          label={t('words.to')}
          type="date"
          value={to}
          onChange={(value) => update('to', value)}
          isInvalid={!valid}
          errorMessage={t('words.invalidPeriod')}
        />
        <SelectField
          label={t('filters.team')}
          options={[
            { id: ALL, label: t('filters.allTeams') },
            ...teams.map((team) => ({ id: team.id, label: team.name })),
          ]}
          value={teamId || ALL}
          onChange={(id) => update('teamId', id === ALL ? '' : id)}
        />
        <SelectField
          label={t('filters.language')}
          options={[
            { id: ALL, label: t('filters.allLanguages') },
            ...(['fr', 'en'] as const).map((id) => ({ id, label: t(`languages.${id}`) })),
          ]}
          value={query.locale ?? ALL}
          onChange={(id) => update('locale', id === ALL ? '' : id)}
        />
      </div>
      {!valid ? null : words.isPending ? (
        <LoadingState />
      ) : words.isError ? (
        <ErrorState error={words.error} onRetry={() => void words.refetch()} />
      ) : words.data.terms.length === 0 ? (
        <EmptyState title={t('words.empty')} />
      ) : (
        <>
          <p className="words__compared">
            {t('words.compared', { from: words.data.previousFrom, to: words.data.previousTo })}
          </p>
          <div className="words__grid">
            <WordTable caption={t('words.terms')} words={words.data.terms} query={query} />
            <WordTable caption={t('words.phrases')} words={words.data.phrases} query={query} />
            <WordTable caption={t('words.rising')} words={words.data.rising} query={query} rising />
          </div>
        </>
      )}
    </Page>
  );
}
