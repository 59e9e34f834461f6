// Settings › Routing (managers and admins): the rules in the order they run, reordered by dragging
// a rule's handle or with its Move up / Move down buttons (announced to screen readers); each rule
// edited in a dialog with its preview; the whole list previewed too.
import { useEffect, useState } from 'react';
import { DialogTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { FormRef, RoutingRuleView, Teammate } from '@ecoute/shared/agent-contract';
import { Page } from '../../../components/layouts/page.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { ModalDialog } from '../../../components/ui/modal-dialog.tsx';
import { ActionError, EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { useDeleteRoutingRule, useMoveRoutingRule, usePreviewRouting, useRoutingRules } from '../api/routing-rules.ts';
import { PreviewResult } from './preview-result.tsx';
import { RuleForm } from './rule-form.tsx';

interface RowProps {
  rule: RoutingRuleView;
  index: number;
  count: number;
  teams: Array<{ id: string; name: string }>;
  users: Teammate[];
  forms: FormRef[];
  onMove: (rule: RoutingRuleView, position: number) => void;
  dragged: string | null;
  setDragged: (id: string | null) => void;
}

function RuleRow({ rule, index, count, teams, users, forms, onMove, dragged, setDragged }: RowProps) {
  const { t } = useTranslation();
  const remove = useDeleteRoutingRule(rule.id);
  const team = teams.find((candidate) => candidate.id === rule.actions.teamId);
  const { assign: assignAction } = rule.actions;
  const assign =
    assignAction?.kind === 'person'
      ? (users.find((user) => user.id === assignAction.userId)?.name ?? t('routing.assignPerson'))
      : assignAction?.kind === 'round_robin'
        ? t('routing.roundRobin')
        : null;
  return (
    <li
      className={dragged === rule.id ? 'rule rule--dragged' : 'rule'}
      data-rule-id={rule.id}
      onDragOver={(event) => {
        if (dragged && dragged !== rule.id) event.preventDefault();
      }}
      onDrop={(event) => {
        event.preventDefault();
        const id = event.dataTransfer.getData('text/plain') || dragged;
        setDragged(null);
        if (id && id !== rule.id) onMove({ ...rule, id }, index);
      }}
    >
      <span
        className="rule__handle"
        draggable
        role="img"
        aria-label={t('routing.dragHandle', { name: rule.name })}
        onDragStart={(event) => {
          event.dataTransfer.setData('text/plain', rule.id);
          event.dataTransfer.effectAllowed = 'move';
          setDragged(rule.id);
        }}
        onDragEnd={() => setDragged(null)}
      >
        ⠿
      </span>
      <span className="rule__position">{index + 1}.</span>
      <span className="rule__name">{rule.name}</span>
      <span className="rule__summary muted">
        {rule.match === 'all'
          ? t('routing.conditionsAll', { count: rule.conditions.length })
          : t('routing.conditionsAny', { count: rule.conditions.length })}
        {team ? ` → ${team.name}` : ''}
        {rule.actions.tags?.length ? ` #${rule.actions.tags.join(' #')}` : ''} ·{' '}
        {assign ? `${t('routing.assignee', { assign })} · ` : ''}
        {rule.stop ? t('routing.stops') : t('routing.continues')}
      </span>
      <span className="rule__actions">
        <Button
          size="small"
          variant="quiet"
          isDisabled={index === 0}
          onPress={() => onMove(rule, index - 1)}
          aria-label={t('routing.moveUpNamed', { name: rule.name })}
        >
          {t('routing.moveUp')}
        </Button>
        <Button
          size="small"
          variant="quiet"
          isDisabled={index === count - 1}
          onPress={() => onMove(rule, index + 1)}
          aria-label={t('routing.moveDownNamed', { name: rule.name })}
        >
          {t('routing.moveDown')}
        </Button>
        <DialogTrigger>
          <Button size="small" variant="quiet" aria-label={t('routing.editNamed', { name: rule.name })}>
            {t('routing.edit')}
          </Button>
          <ModalDialog title={t('routing.editNamed', { name: rule.name })}>
            {(close) => <RuleForm rule={rule} teams={teams} users={users} forms={forms} close={close} />}
          </ModalDialog>
        </DialogTrigger>
        <DialogTrigger>
          <Button size="small" variant="quiet" aria-label={t('routing.deleteNamed', { name: rule.name })}>
            {t('common.delete')}
          </Button>
          <ModalDialog title={t('routing.deleteTitle', { name: rule.name })} role="alertdialog">
            {(close) => (
              <>
                <p>{t('routing.deleteExplained')}</p>
                <div className="dialog__actions">
                  <Button onPress={close} autoFocus>
                    {t('common.cancel')}
                  </Button>
                  <Button variant="danger" onPress={() => remove.mutate(undefined, { onSettled: close })}>
                    {t('common.delete')}
                  </Button>
                </div>
              </>
            )}
          </ModalDialog>
        </DialogTrigger>
      </span>
      <ActionError error={remove.error} />
    </li>
  );
}

export interface RoutingSettingsProps {
  teams: Array<{ id: string; name: string }>;
  users: Teammate[];
  forms: FormRef[];
}

export function RoutingSettings({ teams, users, forms }: RoutingSettingsProps) {
  const { t } = useTranslation();
  const rules = useRoutingRules();
  const move = useMoveRoutingRule();
  const preview = usePreviewRouting();
  const [dragged, setDragged] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // After a move by keyboard the row is re-rendered elsewhere and its button loses the focus: once
  // the list shows the rule at its new place, the focus goes back to the same button (or the other
  // one when that end of the list disables it).
  const [moved, setMoved] = useState<{ id: string; position: number; up: boolean } | null>(null);
  useEffect(() => {
    if (!moved || rules.data?.[moved.position]?.id !== moved.id) return;
    const row = document.querySelector(`[data-rule-id="${moved.id}"]`);
    const buttons = [...(row?.querySelectorAll<HTMLButtonElement>('.rule__actions button') ?? [])];
    const wanted = buttons[moved.up ? 0 : 1];
    (wanted && !wanted.disabled ? wanted : buttons.find((button) => !button.disabled))?.focus();
    setMoved(null);
  }, [moved, rules.data]);
  const onMove = (rule: RoutingRuleView, position: number) => {
    const full = rules.data?.find((candidate) => candidate.id === rule.id);
    if (!full) return;
    const up = position < (rules.data?.indexOf(full) ?? 0);
    move.mutate(
      { rule: full, position },
      {
        onSuccess: () => {
          setAnnouncement(t('routing.moved', { name: full.name, position: position + 1 }));
          setMoved({ id: full.id, position, up });
        },
      },
    );
  };
  return (
    <Page
      title={t('routing.title')}
      actions={
        <>
          <Button onPress={() => preview.mutate(undefined)} isPending={preview.isPending}>
            {t('routing.previewAll')}
          </Button>
          <DialogTrigger>
            <Button variant="primary">{t('routing.new')}</Button>
            <ModalDialog title={t('routing.new')}>
              {(close) => <RuleForm teams={teams} users={users} forms={forms} close={close} />}
            </ModalDialog>
          </DialogTrigger>
        </>
      }
    >
      <p>{t('routing.intro')}</p>
      <p className="muted">{t('routing.reorderHelp')}</p>
      <div role="status" className="visually-hidden">
        {announcement}
      </div>
      <ActionError error={move.error} />
      <ActionError error={preview.error} />
      {rules.isPending ? (
        <LoadingState />
      ) : rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data.length === 0 ? (
        <EmptyState title={t('routing.empty')} />
      ) : (
        <ol className="rules" aria-label={t('routing.title')}>
          {rules.data.map((rule, index) => (
            <RuleRow
              key={rule.id}
              rule={rule}
              index={index}
              count={rules.data.length}
              teams={teams}
              users={users}
              forms={forms}
              onMove={onMove}
              dragged={dragged}
              setDragged={setDragged}
            />
          ))}
        </ol>
      )}
      {preview.data ? <PreviewResult preview={preview.data} list /> : null}
    </Page>
  );
}
