// What the same customer wrote before (same email), newest first, so a reply can take it into account.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MessageSummary } from '@ecoute/shared/agent-contract';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { TimeAgo } from '../../../components/ui/time-ago.tsx';

export function OtherMessages({ messages }: { messages: MessageSummary[] }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="other-messages-title">
      <h2 id="other-messages-title" className="panel__title">
        {t('message.otherMessages')}
      </h2>
      {messages.length === 0 ? (
        <p className="muted">{t('message.noOtherMessages')}</p>
      ) : (
        <ul className="other-messages">
          {messages.map((message) => (
            <li key={message.id} className="other-messages__item">
              <Link to={`/messages/${message.id}`} className="other-messages__link">
                {message.reference}
              </Link>{' '}
              <StatusBadge status={message.status} /> <TimeAgo at={message.createdAt} />
              <p className="other-messages__excerpt">{message.excerpt}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
