// The commitments page: open and overdue ones in tabs, everyone's or only mine (kept in the URL).
import { Switch, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../../components/layouts/page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { useCommitments, type CommitmentFilters } from '../api/get-commitments.ts';
import { CommitmentList } from './commitment-list.tsx';

function CommitmentsPanel({ filters }: { filters: CommitmentFilters }) {
  const { t } = useTranslation();
  const commitments = useCommitments(filters);
  if (commitments.isPending) return <LoadingState />;
  if (commitments.isError) return <ErrorState error={commitments.error} onRetry={() => void commitments.refetch()} />;
  // The list shows its own empty state: it is where the focus goes once the last one is resolved.
  return (
    <CommitmentList
      commitments={commitments.data}
      linkToMessage
      empty={<EmptyState title={t(`commitments.empty.${filters.status}`)} />}
    />
  );
}

export function CommitmentsOverview() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const status = searchParams.get('status') === 'overdue' ? 'overdue' : 'open';
  const mine = searchParams.get('owner') === 'me';
  const update = (next: Partial<CommitmentFilters>) => {
    const filters = { status, mine, ...next };
    const params = new URLSearchParams();
    if (filters.status === 'overdue') params.set('status', 'overdue');
    if (filters.mine) params.set('owner', 'me');
    setSearchParams(params, { replace: true });
  };
  return (
    <Page
      title={t('commitments.title')}
      actions={
        <Switch className="switch" isSelected={mine} onChange={(value) => update({ mine: value })}>
          <span className="switch__track" aria-hidden="true">
            <span className="switch__thumb" />
          </span>
          {t('commitments.onlyMine')}
        </Switch>
      }
    >
      <Tabs
        className="tabs"
        selectedKey={status}
        onSelectionChange={(key) => update({ status: key === 'overdue' ? 'overdue' : 'open' })}
      >
        <TabList className="tabs__list" aria-label={t('commitments.title')}>
          <Tab id="open" className="tabs__tab">
            {t('commitments.tabs.open')}
          </Tab>
          <Tab id="overdue" className="tabs__tab">
            {t('commitments.tabs.overdue')}
          </Tab>
        </TabList>
        <TabPanel id="open" className="tabs__panel">
          <CommitmentsPanel filters={{ status: 'open', mine }} />
        </TabPanel>
        <TabPanel id="overdue" className="tabs__panel">
          <CommitmentsPanel filters={{ status: 'overdue', mine }} />
        </TabPanel>
      </Tabs>
    </Page>
  );
}
