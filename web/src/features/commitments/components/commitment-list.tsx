// Commitments with what was promised, by whom, by when, and what became of it; open ones can be
// kept or dropped from here.
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Commitment } from '@ecoute/shared/agent-contract';
import { formatDay } from '../../../lib/format.ts';
import { ResolveCommitmentDialog } from './resolve-commitment-dialog.tsx';

export interface CommitmentListProps {
  commitments: Commitment[];
  /** On the commitments page each one links to its message; on the message page it would loop. */
  linkToMessage?: boolean;
  /** Shown when there are none; it takes the focus when the last one shown is kept or dropped. */
  empty?: ReactNode;
}

/**
 * Where the focus goes once a commitment is resolved: its own row when it stays (now showing its
 * outcome), else the next row still there (or the one before), else the empty state. Its buttons and
 * dialog are gone by then, and focus left on them would fall back to the page.
 */
function focusTarget(resolvedId: string, before: readonly Commitment[], after: readonly Commitment[]) {
  const remaining = new Set(after.map((commitment) => commitment.id));
  if (remaining.has(resolvedId)) return resolvedId;
  const index = before.findIndex((commitment) => commitment.id === resolvedId);
  const candidates = [...before.slice(index + 1), ...before.slice(0, Math.max(index, 0)).reverse()];
  return candidates.find((commitment) => remaining.has(commitment.id))?.id ?? null;
}

export function CommitmentList({ commitments, linkToMessage = false, empty }: CommitmentListProps) {
  const { t, i18n } = useTranslation();
  /** The commitment being kept or dropped from this list, until it is no longer open in it. */
  const resolving = useRef<string | null>(null);
  const shown = useRef(commitments);
  const rows = useRef(new Map<string, HTMLLIElement>());
  const emptyRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const before = shown.current;
    shown.current = commitments;
    const id = resolving.current;
    if (!id || commitments.some((commitment) => commitment.id === id && commitment.status === 'open')) return;
    resolving.current = null;
    const target = focusTarget(id, before, commitments);
    (target ? rows.current.get(target) : emptyRef.current)?.focus();
  }, [commitments]);

  if (commitments.length === 0) {
    return (
      <div ref={emptyRef} tabIndex={-1} className="commitments__empty">
        {empty}
      </div>
    );
  }
  return (
    <ul className="commitments">
      {commitments.map((commitment) => (
        <li
          key={commitment.id}
          ref={(element) => {
            if (element) rows.current.set(commitment.id, element);
            else rows.current.delete(commitment.id);
          }}
          tabIndex={-1}
          className={commitment.overdue ? 'commitment commitment--overdue' : 'commitment'}
        >
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
              <ResolveCommitmentDialog
                commitment={commitment}
                kind="fulfil"
                onResolving={() => (resolving.current = commitment.id)}
              />
              <ResolveCommitmentDialog
                commitment={commitment}
                kind="drop"
                onResolving={() => (resolving.current = commitment.id)}
              />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
