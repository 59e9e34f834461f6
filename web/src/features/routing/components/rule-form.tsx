// Writing a routing rule: its name, its conditions (all or any), its actions and whether the run stops
// after it; "Preview" shows what it would have done to the newest messages before anything is saved.
import { useState } from 'react';
import { Checkbox, CheckboxGroup, Form, Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { FormRef, RoutingRuleInput, RoutingRuleView, Teammate } from '@ecoute/shared/agent-contract';
import type { Locale } from '@ecoute/shared/locale';
import { ROUTING_CONDITION_KINDS, type RoutingCondition } from '@ecoute/shared/routing';
import { Button } from '../../../components/ui/button.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { ActionError } from '../../../components/ui/states.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { LIMITS } from '../../../lib/contract-values.ts';
import { usePreviewRouting, useSaveRoutingRule } from '../api/routing-rules.ts';
import { PreviewResult } from './preview-result.tsx';

type Kind = RoutingCondition['kind'];
interface DraftCondition {
  kind: Kind;
  /** Phrases or domains, one per line. */
  lines: string;
  locales: Locale[];
  formIds: string[];
}

const EMPTY: Omit<DraftCondition, 'kind'> = { lines: '', locales: [], formIds: [] };

const KEEP = 'keep';
const NONE = 'none';

const linesOf = (text: string) => [
  ...new Set(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  ),
];

function toDraft(condition: RoutingCondition): DraftCondition {
  switch (condition.kind) {
    case 'words':
      return { ...EMPTY, kind: 'words', lines: condition.phrases.join('\n') };
    case 'form':
      return { ...EMPTY, kind: 'form', formIds: condition.formIds };
    case 'email_domain':
      return { ...EMPTY, kind: 'email_domain', lines: condition.domains.join('\n') };
    case 'language':
      return { ...EMPTY, kind: 'language', locales: condition.locales };
    case 'returning_customer':
      return { ...EMPTY, kind: 'returning_customer' };
  }
}

function toCondition(draft: DraftCondition): RoutingCondition {
  switch (draft.kind) {
    case 'words':
      return { kind: 'words', phrases: linesOf(draft.lines) };
    case 'form':
      return { kind: 'form', formIds: draft.formIds };
    case 'email_domain':
      return { kind: 'email_domain', domains: linesOf(draft.lines) };
    case 'language':
      return { kind: 'language', locales: draft.locales };
    case 'returning_customer':
      return { kind: 'returning_customer' };
  }
}

export interface RuleFormProps {
  rule?: RoutingRuleView;
  teams: Array<{ id: string; name: string }>;
  users: Teammate[];
  /** For the form condition, by name. */
  forms: FormRef[];
  close: () => void;
}

export function RuleForm({ rule, teams, users, forms, close }: RuleFormProps) {
  const { t } = useTranslation();
  const save = useSaveRoutingRule(rule?.id);
  const preview = usePreviewRouting();
  const [name, setName] = useState(rule?.name ?? '');
  const [match, setMatch] = useState(rule?.match ?? 'all');
  const [conditions, setConditions] = useState<DraftCondition[]>(
    rule?.conditions.map(toDraft) ?? [{ ...EMPTY, kind: 'words' }],
  );
  const [teamId, setTeamId] = useState<string>(rule?.actions.teamId ?? KEEP);
  const [tags, setTags] = useState((rule?.actions.tags ?? []).join(' '));
  const [assign, setAssign] = useState<string>(rule?.actions.assign?.kind ?? NONE);
  const [personId, setPersonId] = useState<string | null>(
    rule?.actions.assign?.kind === 'person' ? rule.actions.assign.userId : null,
  );
  const [stop, setStop] = useState(rule?.stop ?? false);

  const draft = (): Omit<RoutingRuleInput, 'position'> => {
    const tagList = tags.split(/\s+/).filter(Boolean);
    return {
      name: name.trim(),
      match,
      conditions: conditions.map(toCondition),
      actions: {
        ...(teamId !== KEEP && { teamId }),
        ...(tagList.length > 0 && { tags: [...new Set(tagList.map((tag) => tag.toLowerCase()))] }),
        ...(assign === 'round_robin' && { assign: { kind: 'round_robin' as const } }),
        ...(assign === 'person' && personId && { assign: { kind: 'person' as const, userId: personId } }),
      },
      stop,
    };
  };
  // The server names the phrases it refused (`conditions.0.phrases.1`): each shows on its condition.
  const serverFields = {
    ...(isApiError(preview.error) ? preview.error.fields : undefined),
    ...(isApiError(save.error) ? save.error.fields : undefined),
  };
  const phraseProblems = (index: number, lines: string) =>
    linesOf(lines)
      .filter((_, at) => serverFields[`conditions.${index}.phrases.${at}`])
      .map((phrase) => t('routing.noSearchableWord', { phrase }))
      .join(' ');
  const change = (index: number, next: Partial<DraftCondition>) =>
    setConditions((all) => all.map((condition, i) => (i === index ? { ...condition, ...next } : condition)));

  return (
    <Form
      className="form rule-form"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(draft(), { onSuccess: close });
      }}
    >
      <TextField
        label={t('routing.name')}
        value={name}
        onChange={setName}
        maxLength={LIMITS.ruleName}
        isRequired
        autoFocus
      />
      <fieldset className="fieldset">
        <legend>{t('routing.match')}</legend>
        <SelectField
          label={t('routing.match')}
          hideLabel
          options={[
            { id: 'all', label: t('routing.matchAll') },
            { id: 'any', label: t('routing.matchAny') },
          ]}
          value={match}
          onChange={setMatch}
        />
        {conditions.length === 0 ? <p className="muted">{t('routing.noCondition')}</p> : null}
        <ol className="rule-form__conditions">
          {conditions.map((condition, index) => (
            <li key={index} className="rule-form__condition">
              <SelectField
                label={`${t('routing.conditionKind')} ${index + 1}`}
                options={ROUTING_CONDITION_KINDS.map((kind) => ({ id: kind, label: t(`routing.kinds.${kind}`) }))}
                value={condition.kind}
                onChange={(kind: Kind) => change(index, { kind })}
              />
              {condition.kind === 'words' ? (
                <TextField
                  label={t('routing.phrases')}
                  description={t('routing.phrasesHelp')}
                  multiline
                  rows={3}
                  value={condition.lines}
                  onChange={(lines) => {
                    change(index, { lines });
                    // The refused phrases are named by their place: once edited, that place may be another's.
                    preview.reset();
                    save.reset();
                  }}
                  isRequired
                  isInvalid={Boolean(phraseProblems(index, condition.lines))}
                  errorMessage={phraseProblems(index, condition.lines)}
                />
              ) : condition.kind === 'form' ? (
                <CheckboxGroup
                  className="field"
                  value={condition.formIds}
                  onChange={(formIds) => change(index, { formIds })}
                  isRequired
                >
                  <Label className="field__label">{t('routing.forms')}</Label>
                  {forms.map((form) => (
                    <Checkbox key={form.id} value={form.id} className="checkbox">
                      {form.archived ? t('routing.archivedForm', { name: form.name }) : form.name}
                    </Checkbox>
                  ))}
                </CheckboxGroup>
              ) : condition.kind === 'email_domain' ? (
                <TextField
                  label={t('routing.domains')}
                  multiline
                  rows={2}
                  value={condition.lines}
                  onChange={(lines) => change(index, { lines })}
                  isRequired
                />
              ) : condition.kind === 'language' ? (
                <CheckboxGroup
                  className="field"
                  value={condition.locales}
                  onChange={(locales) => change(index, { locales: locales as Locale[] })}
                  isRequired
                >
                  <Label className="field__label">{t('routing.locales')}</Label>
                  {(['fr', 'en'] as const).map((locale) => (
                    <Checkbox key={locale} value={locale} className="checkbox">
                      {t(`languages.${locale}`)}
                    </Checkbox>
                  ))}
                </CheckboxGroup>
              ) : null}
              <Button
                size="small"
                variant="quiet"
                onPress={() => setConditions((all) => all.filter((_, i) => i !== index))}
              >
                {t('routing.removeCondition')}
              </Button>
            </li>
          ))}
        </ol>
        <Button
          size="small"
          onPress={() => setConditions((all) => [...all, { ...EMPTY, kind: 'words' }])}
          isDisabled={conditions.length >= LIMITS.ruleConditions}
        >
          {t('routing.addCondition')}
        </Button>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('routing.actions')}</legend>
        <SelectField
          label={t('routing.setTeam')}
          options={[
            { id: KEEP, label: t('routing.keepTeam') },
            ...teams.map((team) => ({ id: team.id, label: team.name })),
          ]}
          value={teamId}
          onChange={setTeamId}
        />
        <TextField label={t('routing.tags')} value={tags} onChange={setTags} />
        <SelectField
          label={t('routing.assign')}
          options={[
            { id: NONE, label: t('routing.assignNone') },
            { id: 'round_robin', label: t('routing.assignRoundRobin') },
            { id: 'person', label: t('routing.assignPerson') },
          ]}
          value={assign}
          onChange={setAssign}
        />
        {assign === 'person' ? (
          <SelectField
            label={t('routing.person')}
            options={users.map((user) => ({ id: user.id, label: user.name }))}
            value={personId}
            onChange={setPersonId}
            isRequired
          />
        ) : null}
        <Checkbox className="checkbox" isSelected={stop} onChange={setStop}>
          {t('routing.stop')}
        </Checkbox>
      </fieldset>
      <ActionError error={save.error} />
      <ActionError error={preview.error} />
      <div className="dialog__actions">
        <Button onPress={close}>{t('common.cancel')}</Button>
        <Button onPress={() => preview.mutate(draft())} isPending={preview.isPending}>
          {t('routing.preview')}
        </Button>
        <Button type="submit" variant="primary" isPending={save.isPending}>
          {t('routing.save')}
        </Button>
      </div>
      {preview.data ? <PreviewResult preview={preview.data} /> : null}
    </Form>
  );
}
