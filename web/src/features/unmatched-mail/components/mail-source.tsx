// The original of a mail, as the text it is: shown in a <pre> (React escapes it), never as HTML.
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { useInboundMail } from '../api/get-inbound-mail.ts';

export function MailSource({ id }: { id: string }) {
  const { t } = useTranslation();
  const mail = useInboundMail(id);
  if (mail.isPending) return <LoadingState />;
  if (mail.isError) return <ErrorState error={mail.error} onRetry={() => void mail.refetch()} />;
  return (
    <pre className="mail-source" tabIndex={0} aria-label={t('unmatchedMail.original')}>
      {mail.data.raw}
    </pre>
  );
}
