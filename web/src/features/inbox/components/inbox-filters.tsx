// Full-text search and the filters (tag, team, assignee, form, language, dates); all live in the URL,
// so a filtered view can be shared.
import { useState, type Ref } from 'react';
import { Button as AriaButton, Input, Label, SearchField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { LIMITS } from '../../../lib/contract-values.ts';
import type { FilterName } from '../api/get-messages.ts';
import { useTags } from '../api/get-tags.ts';

// No filter: not a possible tag (tags start with a letter or a digit), team, user or form id, or language.
const ALL = '*';

export interface InboxFiltersProps {
  filters: Record<FilterName, string>;
  onFilter: (name: FilterName, value: string) => void;
  teams: Array<{ id: string; name: string }>;
  users: Array<{ id: string; name: string; active: boolean }>;
  forms: Array<{ id: string; name: string; archived: boolean }>;
  searchRef: Ref<HTMLInputElement>;
}

function Search({
  q,
  onSearch,
  searchRef,
}: {
  q: string;
  onSearch: (q: string) => void;
  searchRef: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(q);
  return (
    <div role="search" className="filters__search">
      <SearchField
        className="field search"
        value={text}
        onChange={setText}
        onSubmit={(value) => onSearch(value.trim())}
        onClear={() => onSearch('')}
      >
        <Label className="field__label">{t('inbox.search')}</Label>
        <div className="search__row">
          <Input
            ref={searchRef}
            className="field__input search__input"
            maxLength={LIMITS.query}
            placeholder={t('inbox.searchPlaceholder')}
            aria-keyshortcuts="/"
          />
          {text ? (
            <AriaButton className="search__clear" aria-label={t('inbox.clearSearch')}>
              <span aria-hidden="true">×</span>
            </AriaButton>
          ) : null}
        </div>
      </SearchField>
    </div>
  );
}

export function InboxFilters({ filters, onFilter, teams, users, forms, searchRef }: InboxFiltersProps) {
  const { t } = useTranslation();
  const { q, tag } = filters;
  const tags = useTags();
  const options = [
    { id: ALL, label: t('inbox.allTags') },
    ...(tags.data ?? []).map((name) => ({ id: name, label: `#${name}` })),
  ];
  // A tag from a shared link that is no longer in use still shows as selected.
  if (tag && !tags.data?.includes(tag)) options.push({ id: tag, label: `#${tag}` });
  return (
    <div className="filters">
      {/* Keyed by q: the field starts again from the URL whenever the search changes from outside. */}
      <Search key={q} q={q} onSearch={(value) => onFilter('q', value)} searchRef={searchRef} />
      <SelectField
        className="filters__tag"
        label={t('inbox.tag')}
        options={options}
        value={tag || ALL}
        onChange={(id) => onFilter('tag', id === ALL ? '' : id)}
      />
      <SelectField
        label={t('filters.team')}
        options={[
          { id: ALL, label: t('filters.allTeams') },
          ...teams.map((team) => ({ id: team.id, label: team.name })),
        ]}
        value={filters.teamId || ALL}
        onChange={(id) => onFilter('teamId', id === ALL ? '' : id)}
      />
      <SelectField
        label={t('filters.assignee')}
        options={[
          { id: ALL, label: t('filters.anyone') },
          { id: 'none', label: t('filters.nobody') },
          ...users.filter((user) => user.active).map((user) => ({ id: user.id, label: user.name })),
        ]}
        value={filters.assigneeId || ALL}
        onChange={(id) => onFilter('assigneeId', id === ALL ? '' : id)}
      />
      <SelectField
        label={t('filters.form')}
        options={[
          { id: ALL, label: t('filters.allForms') },
          ...forms.map((form) => ({
            id: form.id,
            label: form.archived ? t('filters.archivedForm', { name: form.name }) : form.name,
          })),
        ]}
        value={filters.formId || ALL}
        onChange={(id) => onFilter('formId', id === ALL ? '' : id)}
      />
      <SelectField
        label={t('filters.language')}
        options={[
          { id: ALL, label: t('filters.allLanguages') },
          ...(['fr', 'en'] as const).map((locale) => ({ id: locale, label: t(`languages.${locale}`) })),
        ]}
        value={filters.locale || ALL}
        onChange={(id) => onFilter('locale', id === ALL ? '' : id)}
      />
      <TextField
        label={t('filters.from')}
        type="date"
        value={filters.from}
        onChange={(value) => onFilter('from', value)}
      />
      <TextField label={t('filters.to')} type="date" value={filters.to} onChange={(value) => onFilter('to', value)} />
    </div>
  );
}
