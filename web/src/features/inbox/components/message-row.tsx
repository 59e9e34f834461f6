// One message in the inbox: who, which reference, their first words, how long they have waited,
// tags, assignee, status, and the colleagues on it. The whole row is clickable; the link in it is what keyboards reach.
import type { ReactNode, Ref } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MessageSummary } from '@ecoute/shared/agent-contract';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { TimeAgo } from '../../../components/ui/time-ago.tsx';
import { formatDateTime, formatDuration } from '../../../lib/format.ts';

export interface MessageRowProps {
  message: MessageSummary;
  selected: boolean;
  /** Who else is on the message now. */
  presence?: ReactNode;
  onFocus: () => void;
  linkRef: Ref<HTMLAnchorElement>;
}

export function MessageRow({ message, selected, presence, onFocus, linkRef }: MessageRowProps) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const waiting = message.status === 'unanswered';
  return (
    <li className={selected ? 'row row--selected' : 'row'}>
      <div className="row__top">
        <Link
          ref={linkRef}
          className="row__link"
          to={`/messages/${message.id}`}
          // The message page's back link returns to this very view, search and filter included.
          state={{ from: location.pathname + location.search }}
          aria-current={selected ? 'true' : undefined}
          onFocus={onFocus}
        >
          <span className="row__name">{message.customerName ?? t('message.anonymous')}</span>
          <span className="row__reference">{message.reference}</span>
        </Link>
        <span className="row__age">
          {waiting ? (
            <time dateTime={message.waitingSince} title={formatDateTime(message.waitingSince, i18n.language)}>
              {t('inbox.waiting', { duration: formatDuration(message.waitingSince, i18n.language) })}
            </time>
          ) : (
            <TimeAgo at={message.createdAt} />
          )}
        </span>
      </div>
      <p className="row__excerpt">{message.excerpt}</p>
      <div className="row__meta">
        <StatusBadge status={message.status} />
        {message.tags.length > 0 ? (
          <ul className="tags" aria-label={t('message.tags')}>
            {message.tags.map((tag) => (
              <li key={tag} className="tag">
                #{tag}
              </li>
            ))}
          </ul>
        ) : null}
        <span className="row__assignee">
          {message.assignee ? t('inbox.assignedTo', { name: message.assignee.name }) : t('inbox.unassigned')}
        </span>
        {presence}
      </div>
    </li>
  );
}
