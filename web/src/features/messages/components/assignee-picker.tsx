// Who takes care of this message: anyone active on the team, or nobody, with a shortcut to take it.
import { useTranslation } from 'react-i18next';
import type { Teammate, UserRef } from '@ecoute/shared/agent-contract';
import { Button } from '../../../components/ui/button.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { ActionError } from '../../../components/ui/states.tsx';
import { useUser } from '../../../lib/auth.tsx';
import { useAssignMessage } from '../api/assign-message.ts';

const NOBODY = 'nobody';

export interface AssigneePickerProps {
  messageId: string;
  assignee: UserRef | null;
  users: Teammate[];
}

export function AssigneePicker({ messageId, assignee, users }: AssigneePickerProps) {
  const { t } = useTranslation();
  const me = useUser();
  const assign = useAssignMessage(messageId);
  const options = [
    { id: NOBODY, label: t('assignee.nobody') },
    ...users
      .filter((user) => user.active)
      .map((user) => ({ id: user.id, label: user.id === me.id ? t('assignee.me', { name: user.name }) : user.name })),
  ];
  // Someone deactivated since keeps showing until the message is given to someone else.
  if (assignee && !options.some((option) => option.id === assignee.id))
    options.push({ id: assignee.id, label: assignee.name });
  return (
    <section className="panel">
      <SelectField
        label={t('assignee.label')}
        options={options}
        // Never disabled while saving: a disabled select drops the focus, and a keyboard user's place.
        value={assignee?.id ?? NOBODY}
        onChange={(id) => {
          const next = id === NOBODY ? null : id;
          if (next !== (assignee?.id ?? null)) assign.mutate(next);
        }}
      />
      {assignee?.id !== me.id ? (
        <Button size="small" variant="quiet" onPress={() => assign.mutate(me.id)} isPending={assign.isPending}>
          {t('assignee.takeIt')}
        </Button>
      ) : null}
      <ActionError error={assign.error} />
    </section>
  );
}
