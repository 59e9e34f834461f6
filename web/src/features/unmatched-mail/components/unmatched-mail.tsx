// Settings › Unmatched mail (admins): the mail Ecoute could not place (an unknown reply address, a
// thread it does not know, mail it could not read), newest first. Each one can be read with its
// original, attached to a message (its words become the customer's there) or dismissed.
import { DialogTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { InboundMailSummary } from '@ecoute/shared/inbound-mail';
import { Page } from '../../../components/layouts/page.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { ModalDialog } from '../../../components/ui/modal-dialog.tsx';
import { ActionError, EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { TimeAgo } from '../../../components/ui/time-ago.tsx';
import { useUnmatchedMail } from '../api/get-unmatched-mail.ts';
import { useDismissInboundMail } from '../api/resolve-inbound-mail.ts';
import { AttachMailForm } from './attach-mail-form.tsx';
import { MailSource } from './mail-source.tsx';

function MailItem({ mail }: { mail: InboundMailSummary }) {
  const { t } = useTranslation();
  const dismiss = useDismissInboundMail(mail.id);
  const from = mail.fromName
    ? `${mail.fromName} <${mail.fromAddress}>`
    : (mail.fromAddress ?? t('unmatchedMail.noSender'));
  const subject = mail.subject || t('unmatchedMail.noSubject');
  return (
    <li className="unmatched-mail__item">
      <div className="unmatched-mail__head">
        <span className="unmatched-mail__from">{from}</span>
        <span className="unmatched-mail__when">
          <TimeAgo at={mail.receivedAt} />
        </span>
      </div>
      <p className="unmatched-mail__subject">{subject}</p>
      <p className="unmatched-mail__why muted">
        {mail.unmatchedReason ? t(`unmatchedMail.reasons.${mail.unmatchedReason}`) : null}
        {mail.recipients.length > 0 ? ` · ${t('unmatchedMail.to', { to: mail.recipients.join(', ') })}` : null}
      </p>
      {mail.text ? <div className="unmatched-mail__text words">{mail.text}</div> : null}
      {mail.attachments.length > 0 ? (
        <p className="unmatched-mail__attachments muted">
          {t('unmatchedMail.attachments', {
            names: mail.attachments.map((attachment) => attachment.name ?? attachment.type).join(', '),
          })}
        </p>
      ) : null}
      <div className="unmatched-mail__actions">
        <DialogTrigger>
          <Button size="small" variant="quiet" aria-label={t('unmatchedMail.viewOriginalOf', { subject })}>
            {t('unmatchedMail.viewOriginal')}
          </Button>
          <ModalDialog title={t('unmatchedMail.original')}>
            {(close) => (
              <>
                <MailSource id={mail.id} />
                <div className="dialog__actions">
                  <Button onPress={close}>{t('common.close')}</Button>
                </div>
              </>
            )}
          </ModalDialog>
        </DialogTrigger>
        {mail.kind === 'unparsable' ? null : (
          <DialogTrigger>
            <Button size="small" aria-label={t('unmatchedMail.attachOf', { subject })}>
              {t('unmatchedMail.attach')}
            </Button>
            <ModalDialog title={t('unmatchedMail.attachTitle', { subject })}>
              {(close) => <AttachMailForm id={mail.id} close={close} />}
            </ModalDialog>
          </DialogTrigger>
        )}
        <Button
          size="small"
          variant="quiet"
          onPress={() => dismiss.mutate()}
          isPending={dismiss.isPending}
          aria-label={t('unmatchedMail.dismissOf', { subject })}
        >
          {t('unmatchedMail.dismiss')}
        </Button>
        <ActionError error={dismiss.error} />
      </div>
    </li>
  );
}

export function UnmatchedMail() {
  const { t } = useTranslation();
  const mails = useUnmatchedMail();
  return (
    <Page title={t('unmatchedMail.title')}>
      <p className="muted">{t('unmatchedMail.explained')}</p>
      {mails.isPending ? (
        <LoadingState />
      ) : mails.isError ? (
        <ErrorState error={mails.error} onRetry={() => void mails.refetch()} />
      ) : mails.data.pages[0]!.items.length === 0 ? (
        <EmptyState title={t('unmatchedMail.empty')} />
      ) : (
        <>
          <ul className="unmatched-mail">
            {mails.data.pages
              .flatMap((page) => page.items)
              .map((mail) => (
                <MailItem key={mail.id} mail={mail} />
              ))}
          </ul>
          {mails.hasNextPage ? (
            <Button onPress={() => void mails.fetchNextPage()} isPending={mails.isFetchingNextPage}>
              {t('unmatchedMail.more')}
            </Button>
          ) : null}
        </>
      )}
    </Page>
  );
}
