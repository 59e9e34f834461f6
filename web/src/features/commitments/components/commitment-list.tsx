// Commitments with what was promised, by whom, by when, and what became of it; open ones can be
// kept or dropped from here.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Commitment } from '@ecoute/shared/agent-contract';
import { formatDay } from '../../../lib/format.ts';
import { ResolveCommitmentDialog } from './resolve-commitment-dialog.tsx';

export interface CommitmentListProps {
  commitments: Commitment[];
  /** On the commitments page each one links to its message; on the message page it would loop. */
  linkToMessage?: boolean;
}

export function CommitmentList({ commitments, linkToMessage = false }: CommitmentListProps) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="commitments">
      {commitments.map((commitment) => (
        <li key={commitment.id} className={commitment.overdue ? 'commitment commitment--overdue' : 'commitment'}>
          <div className="commitment__head">
            <p className="commitment__description">{commitment.description}</p>
            <span className={`badge badge--commitment-${commitment.overdue ? 'overdue' : commitment.status}`}>
              {commitment.overdue ? t('commitments.overdue') : t(`commitments.status.${commitment.status}`)}
            </span>
          </div>
          <dl className="facts facts--inline">
            <div>
              <dt>{t('commitments.due')}</dt>
              <dd>
                <time dateTime={commitment.dueOn}>{formatDay(commitment.dueOn, i18n.language)}</time>
              </dd>
            </div>
            <div>
              <dt>{t('commitments.owner')}</dt>
              <dd>{commitment.owner?.name ?? t('commitments.noOwner')}</dd>
            </div>
            {linkToMessage ? (
              <div>
                <dt>{t('commitments.message')}</dt>
                <dd>
                  <Link to={`/messages/${commitment.messageId}`}>{commitment.reference}</Link>
                </dd>
              </div>
            ) : null}
          </dl>
          {commitment.outcome ? (
            <p className="commitment__outcome">
              <span className="commitment__outcome-label">
                {commitment.status === 'dropped' ? t('commitments.whyDropped') : t('commitments.whatWasDone')}
              </span>{' '}
              {commitment.outcome}
            </p>
          ) : null}
          {commitment.status === 'open' ? (
            <div className="commitment__actions">
              <ResolveCommitmentDialog commitment={commitment} kind="fulfil" />
              <ResolveCommitmentDialog commitment={commitment} kind="drop" />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
