// The follow-up commitments a reply makes: what will be done, by when, by whom. Rows can be added
// (up to the contract's limit) and removed; each one is required in full once it exists.
import { useState } from 'react';
import { Input, Label, TextField as AriaTextField, FieldError } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Teammate } from '@ecoute/shared/agent-contract';
import { Button } from '../../../components/ui/button.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { LIMITS } from '../../../lib/contract-values.ts';
import { daysFromToday, today } from '../../../lib/format.ts';

export interface CommitmentDraft {
  /** Stable identity for React and for labels, not sent. */
  key: number;
  description: string;
  dueOn: string;
  ownerId: string;
}

let nextKey = 1;
export const newCommitmentDraft = (ownerId: string): CommitmentDraft => ({
  key: nextKey++,
  description: '',
  dueOn: daysFromToday(7),
  ownerId,
});

export interface CommitmentRowsProps {
  rows: CommitmentDraft[];
  onChange: (rows: CommitmentDraft[]) => void;
  users: Teammate[];
  defaultOwnerId: string;
}

export function CommitmentRows({ rows, onChange, users, defaultOwnerId }: CommitmentRowsProps) {
  const { t } = useTranslation();
  const owners = users.filter((user) => user.active).map((user) => ({ id: user.id, label: user.name }));
  // The row just added takes the focus, so that typing goes to what will be done.
  const [added, setAdded] = useState<number | null>(null);
  const update = (key: number, change: Partial<CommitmentDraft>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  return (
    <fieldset className="commitment-rows">
      <legend className="commitment-rows__legend">{t('composer.commitments')}</legend>
      {rows.length === 0 ? <p className="muted">{t('composer.commitmentsHint')}</p> : null}
      {rows.map((row, index) => (
        <div
          key={row.key}
          className="commitment-row"
          role="group"
          aria-label={t('composer.commitmentN', { n: index + 1 })}
        >
          <TextField
            className="commitment-row__description"
            label={t('composer.commitmentDescription')}
            value={row.description}
            onChange={(description) => update(row.key, { description })}
            autoFocus={row.key === added}
            maxLength={LIMITS.commitment}
            isRequired
          />
          <AriaTextField
            className="field commitment-row__due"
            type="date"
            value={row.dueOn}
            onChange={(dueOn) => update(row.key, { dueOn })}
            isRequired
          >
            <Label className="field__label">{t('composer.dueOn')}</Label>
            <Input className="field__input" min={today()} max={daysFromToday(LIMITS.dueWithinDays)} />
            <FieldError className="field__error" />
          </AriaTextField>
          <SelectField
            className="commitment-row__owner"
            label={t('composer.owner')}
            options={owners}
            value={row.ownerId}
            onChange={(ownerId) => update(row.key, { ownerId })}
          />
          <Button
            className="commitment-row__remove"
            size="small"
            variant="quiet"
            onPress={() => onChange(rows.filter((other) => other.key !== row.key))}
            aria-label={t('composer.removeCommitmentN', { n: index + 1 })}
          >
            {t('composer.removeCommitment')}
          </Button>
        </div>
      ))}
      {rows.length < LIMITS.commitmentsPerReply ? (
        <Button
          size="small"
          onPress={() => {
            const row = newCommitmentDraft(defaultOwnerId);
            setAdded(row.key);
            onChange([...rows, row]);
          }}
        >
          {t('composer.addCommitment')}
        </Button>
      ) : null}
    </fieldset>
  );
}
