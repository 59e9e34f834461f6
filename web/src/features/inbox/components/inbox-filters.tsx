// Full-text search and the tag filter; both live in the URL, so a filtered view can be shared.
import { useState, type Ref } from 'react';
import { Button as AriaButton, Input, Label, SearchField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { LIMITS } from '../../../lib/contract-values.ts';
import { useTags } from '../api/get-tags.ts';

// Not a possible tag (tags start with a letter or a digit), so it cannot clash with one.
const ALL_TAGS = '*';

export interface InboxFiltersProps {
  q: string;
  tag: string;
  onSearch: (q: string) => void;
  onTag: (tag: string) => void;
  searchRef: Ref<HTMLInputElement>;
}

function Search({ q, onSearch, searchRef }: Pick<InboxFiltersProps, 'q' | 'onSearch' | 'searchRef'>) {
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

export function InboxFilters({ q, tag, onSearch, onTag, searchRef }: InboxFiltersProps) {
  const { t } = useTranslation();
  const tags = useTags();
  const options = [
    { id: ALL_TAGS, label: t('inbox.allTags') },
    ...(tags.data ?? []).map((name) => ({ id: name, label: `#${name}` })),
  ];
  // A tag from a shared link that is no longer in use still shows as selected.
  if (tag && !tags.data?.includes(tag)) options.push({ id: tag, label: `#${tag}` });
  return (
    <div className="filters">
      {/* Keyed by q: the field starts again from the URL whenever the search changes from outside. */}
      <Search key={q} q={q} onSearch={onSearch} searchRef={searchRef} />
      <SelectField
        className="filters__tag"
        label={t('inbox.tag')}
        options={options}
        value={tag || ALL_TAGS}
        onChange={(id) => onTag(id === ALL_TAGS ? '' : id)}
      />
    </div>
  );
}
