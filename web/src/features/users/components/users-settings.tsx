// Settings › Users (admins): the team with roles and status (who is still waiting to choose a
// password); add someone, change a role, make a new sign-in link, deactivate or reactivate. Your own
// row cannot lock you out.
import { DialogTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '@ecoute/shared/agent-contract';
import { Page } from '../../../components/layouts/page.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { ModalDialog } from '../../../components/ui/modal-dialog.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { ActionError, EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { useUser } from '../../../lib/auth.tsx';
import { ROLES } from '../../../lib/contract-values.ts';
import { useUpdateUser } from '../api/update-user.ts';
import { useUsers } from '../api/get-users.ts';
import { NewPasswordLink } from './new-password-link.tsx';
import { NewUserForm } from './new-user-form.tsx';

function UserRow({ user, isMe }: { user: User; isMe: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateUser(user.id);
  return (
    <tr className={user.active ? undefined : 'inactive'}>
      <th scope="row">
        <span className="users__name">{user.name}</span>
        {isMe ? <span className="muted"> ({t('users.you')})</span> : null}
        <span className="users__email">{user.email}</span>
      </th>
      <td>
        {isMe ? (
          t(`roles.${user.role}`)
        ) : (
          <SelectField
            label={t('users.roleOf', { name: user.name })}
            hideLabel
            options={ROLES.map((id) => ({ id, label: t(`roles.${id}`) }))}
            // Never disabled while saving: a disabled select drops the focus, and a keyboard user's place.
            value={user.role}
            onChange={(role: Role) => {
              if (role !== user.role) update.mutate({ role });
            }}
          />
        )}
      </td>
      <td>
        {!user.active ? t('users.inactive') : user.passwordSet === false ? t('users.waiting') : t('users.active')}
      </td>
      <td>
        {isMe || !user.active ? null : (
          <DialogTrigger>
            <Button size="small" variant="quiet" aria-label={t('users.newLinkNamed', { name: user.name })}>
              {t('users.newLink')}
            </Button>
            <ModalDialog title={t('users.newLinkNamed', { name: user.name })}>
              {(close) => <NewPasswordLink user={user} close={close} />}
            </ModalDialog>
          </DialogTrigger>
        )}
        {isMe ? null : user.active ? (
          <DialogTrigger>
            <Button size="small" variant="quiet" aria-label={t('users.deactivateNamed', { name: user.name })}>
              {t('users.deactivate')}
            </Button>
            <ModalDialog title={t('users.deactivateTitle', { name: user.name })} role="alertdialog">
              {(close) => (
                <>
                  <p>{t('users.deactivateExplained')}</p>
                  <div className="dialog__actions">
                    <Button onPress={close} autoFocus>
                      {t('common.cancel')}
                    </Button>
                    <Button variant="danger" onPress={() => update.mutate({ active: false }, { onSettled: close })}>
                      {t('users.deactivate')}
                    </Button>
                  </div>
                </>
              )}
            </ModalDialog>
          </DialogTrigger>
        ) : (
          <Button
            size="small"
            onPress={() => update.mutate({ active: true })}
            isPending={update.isPending}
            aria-label={t('users.reactivateNamed', { name: user.name })}
          >
            {t('users.reactivate')}
          </Button>
        )}
        <ActionError error={update.error} />
      </td>
    </tr>
  );
}

export function UsersSettings() {
  const { t } = useTranslation();
  const me = useUser();
  const users = useUsers();
  return (
    <Page
      title={t('users.title')}
      actions={
        <DialogTrigger>
          <Button variant="primary">{t('users.new')}</Button>
          <ModalDialog title={t('users.new')}>{(close) => <NewUserForm close={close} />}</ModalDialog>
        </DialogTrigger>
      }
    >
      {users.isPending ? (
        <LoadingState />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.length === 0 ? (
        <EmptyState title={t('users.empty')} />
      ) : (
        <div className="table-scroll">
          <table className="users">
            <caption className="visually-hidden">{t('users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('users.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <UserRow key={user.id} user={user} isMe={user.id === me.id} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
