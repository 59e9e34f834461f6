// Which team has this message and who takes care of it: moved and assigned together, with a reason
// the timeline keeps; a shortcut to take it yourself.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { MessageSummary, Teammate } from '@ecoute/shared/agent-contract';
import { Button } from '../../../components/ui/button.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { ActionError } from '../../../components/ui/states.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useUser } from '../../../lib/auth.tsx';
import { LIMITS } from '../../../lib/contract-values.ts';
import { useMoveMessage } from '../api/move-message.ts';

const NOBODY = 'nobody';

export interface MoveMessagePanelProps {
  message: Pick<MessageSummary, 'id' | 'team' | 'assignee'>;
  users: Teammate[];
  teams: Array<{ id: string; name: string }>;
}

export function MoveMessagePanel({ message, users, teams }: MoveMessagePanelProps) {
  const { t } = useTranslation();
  const me = useUser();
  const move = useMoveMessage(message.id);
  const { assignee } = message;
  const [teamId, setTeamId] = useState(message.team.id);
  const [assigneeId, setAssigneeId] = useState<string>(assignee?.id ?? NOBODY);
  const [reason, setReason] = useState('');
  const [unchanged, setUnchanged] = useState(false);
  const options = [
    { id: NOBODY, label: t('assignee.nobody') },
    ...users
      .filter((user) => user.active)
      .map((user) => ({ id: user.id, label: user.id === me.id ? t('assignee.me', { name: user.name }) : user.name })),
  ];
  // Someone deactivated since keeps showing until the message is given to someone else.
  if (assignee && !options.some((option) => option.id === assignee.id))
    options.push({ id: assignee.id, label: assignee.name });
  const teamOptions = teams.some((team) => team.id === message.team.id) ? teams : [message.team, ...teams];
  return (
    <section className="panel" aria-labelledby="move-title">
      <h2 id="move-title" className="section-title">
        {t('move.title')}
      </h2>
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          const nextAssignee = assigneeId === NOBODY ? null : assigneeId;
          const change = {
            ...(teamId !== message.team.id && { teamId }),
            ...(nextAssignee !== (assignee?.id ?? null) && { assigneeId: nextAssignee }),
          };
          setUnchanged(Object.keys(change).length === 0);
          if (Object.keys(change).length === 0) return;
          move.mutate(
            { ...change, ...(reason.trim() && { reason: reason.trim() }) },
            { onSuccess: () => setReason('') },
          );
        }}
      >
        <SelectField
          label={t('move.team')}
          options={teamOptions.map((team) => ({ id: team.id, label: team.name }))}
          value={teamId}
          onChange={setTeamId}
        />
        <SelectField label={t('move.assignee')} options={options} value={assigneeId} onChange={setAssigneeId} />
        <TextField
          label={t('move.reason')}
          description={t('move.reasonHelp')}
          value={reason}
          onChange={setReason}
          maxLength={LIMITS.moveReason}
        />
        <div role="status" className="muted">
          {unchanged ? t('move.unchanged') : move.isSuccess ? t('move.saved') : null}
        </div>
        <ActionError error={move.error} />
        <div className="form__actions">
          <Button type="submit" variant="primary" size="small" isPending={move.isPending}>
            {t('move.save')}
          </Button>
          {assignee?.id !== me.id ? (
            <Button
              size="small"
              variant="quiet"
              onPress={() => {
                setAssigneeId(me.id);
                move.mutate({ assigneeId: me.id });
              }}
              isPending={move.isPending}
            >
              {t('assignee.takeIt')}
            </Button>
          ) : null}
        </div>
      </Form>
    </section>
  );
}
