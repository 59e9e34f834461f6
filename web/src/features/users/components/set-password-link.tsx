// The one-time link a user chooses their password with (a new user, or a new link for someone):
// shown once, to be copied and sent to them by whatever channel the admin trusts.
import { useState } from 'react';
import { Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CreatedUser } from '@ecoute/shared/agent-contract';
import { Button } from '../../../components/ui/button.tsx';

export function SetPasswordLink({
  created,
  title,
  onDone,
}: {
  created: CreatedUser;
  /** What happened, said first; by default that the user is added. */
  title?: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.setPasswordUrl);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard permission: the link is selectable text anyway
    }
  };
  return (
    <div className="created-user" role="status">
      <p className="created-user__title">{title ?? t('users.created', { name: created.user.name })}</p>
      <p>{t('users.linkExplained')}</p>
      <div className="copy-row">
        <TextField className="field copy-row__field" value={created.setPasswordUrl} isReadOnly>
          <Label className="field__label">{t('users.link')}</Label>
          <Input className="field__input copy-row__value" onFocus={(event) => event.currentTarget.select()} />
        </TextField>
        <Button variant="primary" onPress={() => void copy()}>
          {t('users.copy')}
        </Button>
      </div>
      {copied === true ? <p className="action-success">{t('users.copied')}</p> : null}
      {copied === false ? <p className="action-error">{t('users.copyFailed')}</p> : null}
      <div className="dialog__actions">
        <Button onPress={onDone}>{t('common.done')}</Button>
      </div>
    </div>
  );
}
