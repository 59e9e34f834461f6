// Settings › Teams (admins): each team with its name, whether it is the default, its answer-time
// targets and its members (available or away); create a team, rename it, make it the default.
import { useState } from 'react';
import { DialogTrigger, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Team, User } from '@ecoute/shared/agent-contract';
import { Page } from '../../../components/layouts/page.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { ModalDialog } from '../../../components/ui/modal-dialog.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { ActionError, EmptyState, ErrorState, LoadingState, useErrorText } from '../../../components/ui/states.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { LIMITS } from '../../../lib/contract-values.ts';
import { useAddTeamMember, useCreateTeam, useRemoveTeamMember, useUpdateTeam } from '../api/change-team.ts';
import { useTeams } from '../api/get-teams.ts';
import { TeamClockForm } from './team-clock-form.tsx';

function NewTeamForm({ close }: { close: () => void }) {
  const { t } = useTranslation();
  const create = useCreateTeam();
  const [name, setName] = useState('');
  return (
    <Form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ name: name.trim() }, { onSuccess: close });
      }}
    >
      <TextField
        label={t('teams.name')}
        value={name}
        onChange={setName}
        maxLength={LIMITS.teamName}
        isRequired
        autoFocus
      />
      <ActionError error={create.error} />
      <div className="dialog__actions">
        <Button onPress={close}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" isPending={create.isPending}>
          {t('teams.create')}
        </Button>
      </div>
    </Form>
  );
}

function TeamCard({ team, users }: { team: Team; users: User[] }) {
  const { t } = useTranslation();
  const update = useUpdateTeam(team.id);
  const add = useAddTeamMember(team.id);
  const remove = useRemoveTeamMember(team.id);
  const [name, setName] = useState(team.name);
  const [firstReply, setFirstReply] = useState(String(team.firstReplyTargetMinutes));
  const [delay, setDelay] = useState(String(team.commitmentDelayDays));
  const candidates = users.filter((user) => user.active && !team.members.some((member) => member.id === user.id));
  const [newMember, setNewMember] = useState<string | null>(null);
  const headingId = `team-${team.id}`;
  const errorText = useErrorText();
  // The server names the field it refused: show it there (the alert below says it too), until it is
  // changed (an invalid field would also stop its form from being sent again).
  const nameProblem = isApiError(update.error) && update.error.code === 'name_taken' ? errorText(update.error) : null;
  const serverFields = isApiError(update.error) ? (update.error.fields ?? {}) : {};
  const firstReplyProblem = serverFields.firstReplyTargetMinutes
    ? t('teams.firstReplyInvalid', { max: LIMITS.firstReplyTargetMinutes })
    : null;
  const delayProblem = serverFields.commitmentDelayDays
    ? t('teams.commitmentDelayInvalid', { max: LIMITS.dueWithinDays })
    : null;
  return (
    <section className="panel team" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {team.name}
        {team.isDefault ? <span className="badge"> {t('teams.default')}</span> : null}
      </h2>
      {team.isDefault ? (
        <p className="muted">{t('teams.defaultExplained')}</p>
      ) : (
        <Button
          size="small"
          onPress={() => update.mutate({ isDefault: true })}
          aria-label={t('teams.makeDefaultNamed', { name: team.name })}
        >
          {t('teams.makeDefault')}
        </Button>
      )}
      <Form
        className="form form--inline"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() && name.trim() !== team.name) update.mutate({ name: name.trim() });
        }}
      >
        <TextField
          label={t('teams.renameNamed', { name: team.name })}
          value={name}
          onChange={(next) => {
            setName(next);
            update.reset();
          }}
          maxLength={LIMITS.teamName}
          isRequired
          isInvalid={Boolean(nameProblem)}
          errorMessage={nameProblem}
        />
        <Button type="submit" size="small">
          {t('teams.rename')}
        </Button>
      </Form>
      <Form
        className="form form--inline"
        aria-label={t('teams.targets')}
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate({ firstReplyTargetMinutes: Number(firstReply), commitmentDelayDays: Number(delay) });
        }}
      >
        <TextField
          label={t('teams.firstReply')}
          type="number"
          inputMode="numeric"
          value={firstReply}
          onChange={(next) => {
            setFirstReply(next);
            update.reset();
          }}
          isRequired
          isInvalid={Boolean(firstReplyProblem)}
          errorMessage={firstReplyProblem}
        />
        <TextField
          label={t('teams.commitmentDelay')}
          type="number"
          inputMode="numeric"
          value={delay}
          onChange={(next) => {
            setDelay(next);
            update.reset();
          }}
          isRequired
          isInvalid={Boolean(delayProblem)}
          errorMessage={delayProblem}
        />
        <Button type="submit" size="small" aria-label={t('teams.saveTargetsNamed', { name: team.name })}>
          {t('teams.saveTargets')}
        </Button>
      </Form>
      <h3 className="subsection-title">{t('teams.clock')}</h3>
      <TeamClockForm team={team} update={update} />
      <div role="status" className="muted">
        {update.isSuccess ? t('teams.saved') : null}
      </div>
      <ActionError error={update.error} />
      <h3 className="subsection-title">{t('teams.members')}</h3>
      {team.members.length === 0 ? (
        <p className="muted">{t('teams.noMembers')}</p>
      ) : (
        <ul className="team__members" aria-label={t('teams.membersOf', { name: team.name })}>
          {team.members.map((member) => (
            <li key={member.id}>
              <span>{member.name}</span>
              {!member.active ? <span className="muted"> ({t('teams.inactive')})</span> : null}
              {member.active && !member.available ? <span className="muted"> ({t('teams.away')})</span> : null}{' '}
              <Button
                size="small"
                variant="quiet"
                onPress={() => remove.mutate(member.id)}
                aria-label={t('teams.removeNamed', { name: member.name, team: team.name })}
              >
                {t('teams.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ActionError error={remove.error} />
      {candidates.length > 0 ? (
        <Form
          className="form form--inline"
          onSubmit={(event) => {
            event.preventDefault();
            if (newMember) add.mutate(newMember, { onSuccess: () => setNewMember(null) });
          }}
        >
          <SelectField
            label={t('teams.addMemberTo', { name: team.name })}
            options={candidates.map((user) => ({ id: user.id, label: user.name }))}
            value={newMember}
            onChange={setNewMember}
            placeholder={t('teams.addMember')}
          />
          <Button type="submit" size="small" isPending={add.isPending}>
            {t('teams.add')}
          </Button>
        </Form>
      ) : null}
      <ActionError error={add.error} />
    </section>
  );
}

export function TeamsSettings({ users }: { users: User[] }) {
  const { t } = useTranslation();
  const teams = useTeams();
  return (
    <Page
      title={t('teams.title')}
      actions={
        <DialogTrigger>
          <Button variant="primary">{t('teams.new')}</Button>
          <ModalDialog title={t('teams.new')}>{(close) => <NewTeamForm close={close} />}</ModalDialog>
        </DialogTrigger>
      }
    >
      {teams.isPending ? (
        <LoadingState />
      ) : teams.isError ? (
        <ErrorState error={teams.error} onRetry={() => void teams.refetch()} />
      ) : teams.data.length === 0 ? (
        <EmptyState title={t('teams.noMembers')} />
      ) : (
        <div className="teams">
          {teams.data.map((team) => (
            <TeamCard key={team.id} team={team} users={users} />
          ))}
        </div>
      )}
    </Page>
  );
}
