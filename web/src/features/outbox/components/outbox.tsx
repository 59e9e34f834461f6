// The Outbox (admins): every email Ecoute writes, in tabs (waiting, failed, sent, kept in the URL),
// page by page, with a retry for what failed. Without a mail server, this is where emails wait.
import { useEffect, useRef, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { EmailSummary, OutboxView } from '@ecoute/shared/agent-contract';
import { Page } from '../../../components/layouts/page.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { EmailStateBadge } from '../../../components/ui/email-state-badge.tsx';
import { ActionError, ActionSuccess, EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { TimeAgo } from '../../../components/ui/time-ago.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { OUTBOX_VIEWS } from '../../../lib/contract-values.ts';
import { useOutbox } from '../api/get-outbox.ts';
import { useRetryEmail } from '../api/retry-email.ts';

const isView = (value: string | null): value is OutboxView => (OUTBOX_VIEWS as readonly unknown[]).includes(value);

function RetryButton({ email, onRetried }: { email: EmailSummary; onRetried: (email: EmailSummary) => void }) {
  const { t } = useTranslation();
  const retry = useRetryEmail();
  const kind = t(`timeline.emailKinds.${email.kind}`);
  return (
    <>
      <Button
        size="small"
        aria-label={t('outbox.retryNamed', { kind, recipient: email.recipient })}
        isPending={retry.isPending}
        onPress={() => retry.mutate(email.id, { onSuccess: onRetried })}
      >
        {t('outbox.retry')}
      </Button>
      {isApiError(retry.error, 409) ? (
        <p className="action-error" role="alert">
          {t('outbox.notFailed')}
        </p>
      ) : (
        <ActionError error={retry.error} />
      )}
    </>
  );
}

function EmailRow({ email, onRetried }: { email: EmailSummary; onRetried: (email: EmailSummary) => void }) {
  const { t } = useTranslation();
  return (
    <tr>
      {email.messageId === null ? (
        // Focusable by script only: "Load more" moves the focus to the first new row's header.
        <th scope="row" tabIndex={-1}>
          {t('outbox.noMessage')}
        </th>
      ) : (
        <th scope="row">
          <Link to={`/messages/${email.messageId}`} className="outbox__reference">
            {email.reference}
          </Link>
        </th>
      )}
      <td>{t(`timeline.emailKinds.${email.kind}`)}</td>
      <td className="outbox__recipient">{email.recipient}</td>
      <td>
        <EmailStateBadge state={email.state} />
      </td>
      <td>{email.attempts}</td>
      <td className="outbox__reason">{email.reason ?? ''}</td>
      <td>
        <TimeAgo at={email.createdAt} />
      </td>
      <td>{email.sentAt ? <TimeAgo at={email.sentAt} /> : ''}</td>
      <td>{email.state === 'failed' ? <RetryButton email={email} onRetried={onRetried} /> : null}</td>
    </tr>
  );
}

function OutboxPanel({ view }: { view: OutboxView }) {
  const { t } = useTranslation();
  const outbox = useOutbox(view);
  const [retried, setRetried] = useState<EmailSummary | null>(null);
  const items = outbox.data?.pages.flatMap((page) => page.items) ?? [];
  const rows = useRef<HTMLTableSectionElement>(null);
  // After "Load more", focus goes to the first new row's link (its header, for an email about no
  // message) rather than staying on (or, on the last page, losing) the button.
  const focusAfterLoad = useRef<number | null>(null);
  useEffect(() => {
    const index = focusAfterLoad.current;
    const row = index === null ? undefined : rows.current?.rows[index];
    const target = row?.querySelector<HTMLElement>('th a') ?? row?.querySelector<HTMLElement>('th');
    if (!target) return;
    focusAfterLoad.current = null;
    target.focus();
  }, [items.length]);

  if (outbox.isPending) return <LoadingState />;
  // A failed refresh or next page keeps what is already shown.
  if (outbox.isError && items.length === 0) {
    return <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />;
  }
  return (
    <>
      {retried ? (
        // Keyed: a second retry is announced (and focused) as well, once its row has gone.
        <ActionSuccess key={retried.id}>
          {t('outbox.retried', { kind: t(`timeline.emailKinds.${retried.kind}`), recipient: retried.recipient })}
        </ActionSuccess>
      ) : null}
      {items.length === 0 ? (
        <EmptyState title={t(`outbox.empty.${view}`)} />
      ) : (
        <div className="table-scroll">
          <table className="outbox">
            <caption className="visually-hidden">{t(`outbox.caption.${view}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outbox.message')}</th>
                <th scope="col">{t('outbox.kind')}</th>
                <th scope="col">{t('outbox.recipient')}</th>
                <th scope="col">{t('outbox.state')}</th>
                <th scope="col">{t('outbox.attempts')}</th>
                <th scope="col">{t('outbox.reason')}</th>
                <th scope="col">{t('outbox.written')}</th>
                <th scope="col">{t('outbox.sent')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('outbox.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody ref={rows}>
              {items.map((email) => (
                <EmailRow key={email.id} email={email} onRetried={setRetried} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {outbox.hasNextPage ? (
        <div className="load-more">
          <Button
            onPress={() => {
              focusAfterLoad.current = items.length;
              void outbox.fetchNextPage();
            }}
            isPending={outbox.isFetchingNextPage}
          >
            {t('outbox.loadMore')}
          </Button>
        </div>
      ) : null}
      {outbox.isFetchNextPageError ? (
        <ErrorState error={outbox.error} onRetry={() => void outbox.fetchNextPage()} />
      ) : null}
    </>
  );
}

export function Outbox() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const asked = searchParams.get('view');
  const view: OutboxView = isView(asked) ? asked : 'waiting';
  return (
    <Page title={t('outbox.title')}>
      <p className="lead">{t('outbox.intro')}</p>
      <Tabs
        className="tabs"
        selectedKey={view}
        onSelectionChange={(key) => {
          const next = String(key);
          setSearchParams(next === 'waiting' ? {} : { view: next }, { replace: true });
        }}
      >
        <TabList className="tabs__list" aria-label={t('outbox.title')}>
          {OUTBOX_VIEWS.map((id) => (
            <Tab key={id} id={id} className="tabs__tab">
              {t(`outbox.tabs.${id}`)}
            </Tab>
          ))}
        </TabList>
        {OUTBOX_VIEWS.map((id) => (
          <TabPanel key={id} id={id} className="tabs__panel">
            <OutboxPanel view={id} />
          </TabPanel>
        ))}
      </Tabs>
    </Page>
  );
}
