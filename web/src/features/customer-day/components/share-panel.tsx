// The read-only links to a published report: made here (the address is shown this once: only its
// hash is kept), listed, and revoked.
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { ActionError, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useCreateShare, useCustomerDayShares, useRevokeShare } from '../api/customer-days.ts';

export function SharePanel({ date, published }: { date: string; published: boolean }) {
  const { t, i18n } = useTranslation();
  const shares = useCustomerDayShares(date);
  const create = useCreateShare(date);
  const revoke = useRevokeShare();
  return (
    <section className="panel no-print" aria-labelledby="share-title">
      <h2 id="share-title" className="panel__title">
        {t('customerDay.share.title')}
      </h2>
      {!published ? <p className="muted">{t('customerDay.share.needsPublish')}</p> : null}
      <Button size="small" isDisabled={!published} isPending={create.isPending} onPress={() => create.mutate()}>
        {t('customerDay.share.create')}
      </Button>
      <ActionError error={create.error} />
      {create.data ? (
        <div className="share-created" role="status">
          <p>{t('customerDay.share.created')}</p>
          <label className="field">
            <span className="field__label">{t('customerDay.share.link')}</span>
            <input
              className="field__input"
              readOnly
              value={create.data.url}
              onFocus={(event) => event.target.select()}
            />
          </label>
        </div>
      ) : null}
      {shares.isPending ? (
        <LoadingState />
      ) : shares.isError ? (
        <ErrorState error={shares.error} onRetry={() => void shares.refetch()} />
      ) : shares.data.length === 0 ? (
        <p className="muted">{t('customerDay.share.none')}</p>
      ) : (
        <ul className="share-list">
          {shares.data.map((share) => (
            <li key={share.id}>
              {t('customerDay.share.made', {
                date: formatDateTime(share.createdAt, i18n.language),
                name: share.createdBy?.name ?? '',
              })}{' '}
              {share.revokedAt ? (
                <span className="muted">
                  {t('customerDay.share.revoked', { date: formatDateTime(share.revokedAt, i18n.language) })}
                </span>
              ) : (
                <Button
                  size="small"
                  variant="danger"
                  isPending={revoke.isPending && revoke.variables === share.id}
                  onPress={() => revoke.mutate(share.id)}
                >
                  {t('customerDay.share.revoke')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ActionError error={revoke.error} />
    </section>
  );
}
