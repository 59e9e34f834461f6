// What happened on the message while the agent wrote (the customer's new words, a colleague's reply
// or note), said before they decide to send anyway: the server refused the reply for it.
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentTimelineEvent } from '@ecoute/shared/agent-contract';
import { TimeAgo } from '../../../components/ui/time-ago.tsx';

export interface ConversationChangedProps {
  changes: AgentTimelineEvent[];
  customerName: string | null;
  ref?: Ref<HTMLDivElement>;
}

export function ConversationChanged({ changes, customerName, ref }: ConversationChangedProps) {
  const { t } = useTranslation();
  const colleagueReplied = changes.some((change) => change.type === 'reply');
  return (
    <div ref={ref} className="reply-warnings conversation-changed" role="alert" tabIndex={-1}>
      <p className="reply-warnings__title">
        {colleagueReplied ? t('composer.changed.colleagueReplied') : t('composer.changed.title')}
      </p>
      <ol className="conversation-changed__list">
        {changes.map((change) => (
          <li key={change.id} className="conversation-changed__change">
            <p className="conversation-changed__head">
              <span className="event__author">{change.actor?.name ?? customerName ?? t('message.anonymous')}</span>{' '}
              {t(`timeline.types.${change.type}`, { detail: change.detail ?? '' })} <TimeAgo at={change.at} />
            </p>
            {change.text ? <div className="words">{change.text}</div> : null}
          </li>
        ))}
      </ol>
      <p className="reply-warnings__why">{t('composer.changed.why')}</p>
    </div>
  );
}
