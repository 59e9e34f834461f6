// The customer's own words, in full and as they wrote them (text, never HTML; line breaks kept),
// with who they are (and whether Ecoute still emails them), where they wrote from, and why the spam
// filter doubted them if it did.
import { useTranslation } from 'react-i18next';
import type { MessageDetail } from '@ecoute/shared/agent-contract';
import { TimeAgo } from '../../../components/ui/time-ago.tsx';

export function CustomerMessage({ message }: { message: MessageDetail['message'] }) {
  const { t } = useTranslation();
  return (
    <section className="card customer-message" aria-labelledby="customer-words">
      <header className="customer-message__header">
        <h2 id="customer-words" className="customer-message__name">
          {message.customerName ?? t('message.anonymous')}
        </h2>
        <dl className="facts">
          {message.customerEmail ? (
            <div>
              <dt>{t('message.email')}</dt>
              <dd>
                {message.customerEmail}{' '}
                <span className={`badge badge--address-${message.customerEmailState}`}>
                  {t(`message.emailState.${message.customerEmailState}`)}
                </span>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('message.received')}</dt>
            <dd>
              <TimeAgo at={message.createdAt} />
            </dd>
          </div>
          <div>
            <dt>{t('message.form')}</dt>
            <dd>{message.formName}</dd>
          </div>
          <div>
            <dt>{t('message.language')}</dt>
            <dd>{t(`languages.${message.locale}`)}</dd>
          </div>
          {message.pageUrl ? (
            <div>
              <dt>{t('message.page')}</dt>
              <dd>
                <a className="facts__url" href={message.pageUrl} target="_blank" rel="noopener noreferrer">
                  {message.pageUrl}
                </a>
              </dd>
            </div>
          ) : null}
        </dl>
      </header>
      <div className="words" lang={message.locale}>
        {message.body}
      </div>
      {message.spamSignals.length > 0 ? (
        <div className="spam-signals">
          <p className="spam-signals__title">{t('message.spamSignals')}</p>
          <ul>
            {message.spamSignals.map((signal) => (
              <li key={signal}>{signal}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
