// Attaching a mail to a message: the admin pastes the message's address (or its id), as they copy it
// from the message page.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { ActionError } from '../../../components/ui/states.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useAttachInboundMail } from '../api/resolve-inbound-mail.ts';

const MESSAGE_ID = /[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}/i;

export function AttachMailForm({ id, close }: { id: string; close: () => void }) {
  const { t } = useTranslation();
  const attach = useAttachInboundMail(id);
  const [target, setTarget] = useState('');
  const messageId = MESSAGE_ID.exec(target)?.[0];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (messageId) attach.mutate(messageId, { onSuccess: close });
  };
  return (
    <form onSubmit={submit} className="form">
      <TextField
        label={t('unmatchedMail.messageField')}
        description={t('unmatchedMail.messageFieldHelp')}
        value={target}
        onChange={setTarget}
        isInvalid={target !== '' && !messageId}
        errorMessage={t('unmatchedMail.messageFieldInvalid')}
        autoFocus
      />
      <ActionError error={attach.error} />
      <div className="dialog__actions">
        <Button onPress={close}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" isPending={attach.isPending} isDisabled={!messageId}>
          {t('unmatchedMail.attach')}
        </Button>
      </div>
    </form>
  );
}
