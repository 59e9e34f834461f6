// Every email written about this message, oldest first: what it was, to whom, where it stands, and
// why when it did not leave (retrying, failed, not sent).
import { useTranslation } from 'react-i18next';
import type { EmailSummary } from '@ecoute/shared/agent-contract';
import { EmailStateBadge } from '../../../components/ui/email-state-badge.tsx';
import { TimeAgo } from '../../../components/ui/time-ago.tsx';

const EXPLAINED = new Set<EmailSummary['state']>(['retrying', 'failed', 'suppressed']);

export function MessageEmails({ emails, hasAddress }: { emails: EmailSummary[]; hasAddress: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="emails-title">
      <h2 id="emails-title" className="panel__title">
        {t('emails.title')}
      </h2>
      {emails.length === 0 ? (
        <p className="muted">{hasAddress ? t('emails.none') : t('emails.noAddress')}</p>
      ) : (
        <ol className="message-emails">
          {emails.map((email) => (
            <li key={email.id} className="message-emails__item">
              <h3 className="message-emails__kind">{t(`timeline.emailKinds.${email.kind}`)}</h3>
              <p>
                <span className="message-emails__recipient">{t('emails.to', { recipient: email.recipient })}</span>{' '}
                <EmailStateBadge state={email.state} />
              </p>
              {email.reason && EXPLAINED.has(email.state) ? (
                <p className="message-emails__reason">{t('emails.reason', { reason: email.reason })}</p>
              ) : null}
              <p className="muted">
                {email.sentAt ? (
                  <>
                    {t('emails.sentAt')} <TimeAgo at={email.sentAt} />
                  </>
                ) : (
                  <>
                    {t('emails.writtenAt')} <TimeAgo at={email.createdAt} />
                  </>
                )}
                {email.attempts > 1 ? <> · {t('emails.attempts', { count: email.attempts })}</> : null}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
