// Adding a user: email, name and role; then the one-time link to send them.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Role } from '@ecoute/shared/agent-contract';
import { Button } from '../../../components/ui/button.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { ActionError } from '../../../components/ui/states.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { LIMITS, ROLES } from '../../../lib/contract-values.ts';
import { useCreateUser } from '../api/create-user.ts';
import { SetPasswordLink } from './set-password-link.tsx';

export function NewUserForm({ close }: { close: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  if (create.data) return <SetPasswordLink created={create.data} onDone={close} />;
  return (
    <Form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ email: email.trim(), name: name.trim(), role });
      }}
    >
      <TextField label={t('users.email')} type="email" value={email} onChange={setEmail} isRequired autoFocus />
      <TextField label={t('users.name')} value={name} onChange={setName} maxLength={LIMITS.userName} isRequired />
      <SelectField
        label={t('users.role')}
        description={t('users.rolesExplained')}
        options={ROLES.map((id) => ({ id, label: t(`roles.${id}`) }))}
        value={role}
        onChange={setRole}
      />
      <ActionError error={create.error} />
      <div className="dialog__actions">
        <Button onPress={close}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" isPending={create.isPending}>
          {t('users.create')}
        </Button>
      </div>
    </Form>
  );
}
