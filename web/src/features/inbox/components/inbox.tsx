// The inbox: views with counts, search and tag filter, the list with keyset "load more", and the
// keyboard shortcuts that move a selection through it.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '@ecoute/shared/agent-contract';
import { Page } from '../../../components/layouts/page.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { LIMITS } from '../../../lib/contract-values.ts';
import { FILTER_NAMES, useMessages, type FilterName } from '../api/get-messages.ts';
import { InboxFilters } from './inbox-filters.tsx';
import { InboxViewsNav } from './inbox-views-nav.tsx';
import { MessageRow } from './message-row.tsx';
import { ShortcutsHelp } from './shortcuts-help.tsx';
import { useInboxShortcuts } from './use-inbox-shortcuts.ts';

export interface InboxProps {
  view: MessageView;
  /** Who else is on a row's message (presence, composed in by the page). */
  presenceOf?: (messageId: string) => ReactNode;
  /** For the team and assignee filters. */
  teams?: Array<{ id: string; name: string }>;
  users?: Array<{ id: string; name: string; active: boolean }>;
  /** For the form filter. */
  forms?: Array<{ id: string; name: string; archived: boolean }>;
}

export function Inbox({ view, presenceOf, teams = [], users = [], forms = [] }: InboxProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_NAMES.map((name) => [name, searchParams.get(name) ?? ''])) as Record<
    FilterName,
    string
  >;
  const { q } = filters;
  const messages = useMessages({ view, ...filters });
  const items = messages.data?.pages.flatMap((page) => page.items) ?? [];

  const [selection, setSelection] = useState<{ key: string; index: number }>({ key: '', index: -1 });
  // A new view or filter starts with nothing selected.
  const listKey = `${view}|${FILTER_NAMES.map((name) => filters[name]).join('|')}`;
  const selected = selection.key === listKey ? Math.min(selection.index, items.length - 1) : -1;
  const links = useRef<Array<HTMLAnchorElement | null>>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  // After "Load more", focus goes to the first new message rather than staying on (or, on the last
  // page, losing) the button.
  const focusAfterLoad = useRef<number | null>(null);
  // Back from a message (its back link says which), that message is selected again.
  const returnedFrom = useRef((location.state as { selectedId?: unknown } | null)?.selectedId);
  useEffect(() => {
    if (typeof returnedFrom.current !== 'string') return;
    const index = items.findIndex((message) => message.id === returnedFrom.current);
    if (index < 0) return;
    returnedFrom.current = undefined;
    setSelection({ key: listKey, index });
    links.current[index]?.focus();
  }, [items, listKey]);
  useEffect(() => {
    const index = focusAfterLoad.current;
    if (index === null || !links.current[index]) return;
    focusAfterLoad.current = null;
    links.current[index]?.focus();
  }, [items.length]);

  const select = (index: number) => {
    if (items.length === 0) return;
    const next = Math.max(0, Math.min(items.length - 1, index));
    setSelection({ key: listKey, index: next });
    links.current[next]?.focus();
  };
  const setFilter = (name: FilterName, value: string) =>
    setSearchParams(
      (params) => {
        if (value) params.set(name, value);
        else params.delete(name);
        return params;
      },
      { replace: true },
    );

  useInboxShortcuts({
    next: () => select(selected + 1),
    previous: () => select(selected < 0 ? 0 : selected - 1),
    open: () => {
      if (selected >= 0) links.current[selected]?.click();
    },
    focusSearch: () => searchRef.current?.focus(),
    showView: (next) => navigate({ pathname: `/inbox/${next}`, search: searchParams.toString() }),
    help: () => setHelpOpen(true),
  });

  const filtered = FILTER_NAMES.some((name) => filters[name]);
  return (
    <Page
      className="inbox"
      title={t(`views.${view}`)}
      actions={
        <Button size="small" variant="quiet" onPress={() => setHelpOpen(true)} aria-keyshortcuts="?">
          {t('shortcuts.button')}
        </Button>
      }
    >
      <div className="inbox__layout">
        <InboxViewsNav />
        <section className="inbox__main" aria-label={t('inbox.messages')}>
          {filters.word ? (
            <p className="inbox__word" role="status">
              {/* The words page says how customers wrote the term (`said`); the filter itself is the stems. */}
              {t('words.filter', { text: searchParams.get('said') ?? filters.word })}{' '}
              <Button
                size="small"
                variant="quiet"
                onPress={() =>
                  setSearchParams(
                    (params) => {
                      params.delete('word');
                      params.delete('said');
                      return params;
                    },
                    { replace: true },
                  )
                }
              >
                {t('words.clear')}
              </Button>
            </p>
          ) : null}
          <InboxFilters
            filters={filters}
            onFilter={setFilter}
            teams={teams}
            users={users}
            forms={forms}
            searchRef={searchRef}
          />
          {messages.isPending ? (
            <LoadingState label={t('inbox.loading')} />
          ) : messages.isError && items.length === 0 ? (
            <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />
          ) : items.length === 0 ? (
            filtered ? (
              <EmptyState title={t('inbox.noMatch')}>
                <Button size="small" onPress={() => setSearchParams({}, { replace: true })}>
                  {t('inbox.clearFilters')}
                </Button>
              </EmptyState>
            ) : (
              <EmptyState title={t(`inbox.empty.${view}.title`)}>
                <p>{t(`inbox.empty.${view}.body`)}</p>
              </EmptyState>
            )
          ) : (
            <>
              <p className="visually-hidden" role="status">
                {t('inbox.shown', { count: items.length })}
              </p>
              <ol className="rows">
                {items.map((message, index) => (
                  <MessageRow
                    key={message.id}
                    message={message}
                    selected={index === selected}
                    presence={presenceOf?.(message.id)}
                    onFocus={() => setSelection({ key: listKey, index })}
                    linkRef={(element) => {
                      links.current[index] = element;
                    }}
                  />
                ))}
              </ol>
              {messages.hasNextPage ? (
                <div className="load-more">
                  <Button
                    onPress={() => {
                      focusAfterLoad.current = items.length;
                      void messages.fetchNextPage();
                    }}
                    isPending={messages.isFetchingNextPage}
                  >
                    {t('inbox.loadMore')}
                  </Button>
                </div>
              ) : q && items.length >= LIMITS.searchResults ? (
                <p className="inbox__note">{t('inbox.searchWindow', { count: LIMITS.searchResults })}</p>
              ) : null}
              {messages.isFetchNextPageError ? (
                <ErrorState error={messages.error} onRetry={() => void messages.fetchNextPage()} />
              ) : null}
            </>
          )}
        </section>
      </div>
      <ShortcutsHelp isOpen={helpOpen} onOpenChange={setHelpOpen} />
    </Page>
  );
}
