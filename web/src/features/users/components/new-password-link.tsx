// Making a new sign-in link for a user, in a dialog: what it does first (earlier links stop working;
// a password already chosen keeps working until the link is used), then the link to copy.
import { useTranslation } from 'react-i18next';
import type { User } from '@ecoute/shared/agent-contract';
import { Button } from '../../../components/ui/button.tsx';
import { ActionError } from '../../../components/ui/states.tsx';
import { useCreatePasswordLink } from '../api/create-password-link.ts';
import { SetPasswordLink } from './set-password-link.tsx';

export function NewPasswordLink({ user, close }: { user: User; close: () => void }) {
  const { t } = useTranslation();
  const create = useCreatePasswordLink(user.id);
  if (create.data) {
    return (
      <SetPasswordLink
        created={create.data}
        title={t('users.linkMade', { name: create.data.user.name })}
        onDone={close}
      />
    );
  }
  return (
    <>
      <p>{!user.passwordSet ? t('users.newLinkExplained') : t('users.resetLinkExplained')}</p>
      <ActionError error={create.error} />
      <div className="dialog__actions">
        <Button onPress={close} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button variant="primary" onPress={() => create.mutate()} isPending={create.isPending}>
          {t('users.makeLink')}
        </Button>
      </div>
    </>
  );
}
