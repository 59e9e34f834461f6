// Keep or drop a commitment, in a dialog that asks what was done (or why not): the customer reads it.
import { useState } from 'react';
import { DialogTrigger, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Commitment } from '@ecoute/shared/agent-contract';
import { Button } from '../../../components/ui/button.tsx';
import { ModalDialog } from '../../../components/ui/modal-dialog.tsx';
import { ActionError } from '../../../components/ui/states.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { LIMITS } from '../../../lib/contract-values.ts';
import { useDropCommitment } from '../api/drop-commitment.ts';
import { useFulfilCommitment } from '../api/fulfil-commitment.ts';

export interface ResolveCommitmentDialogProps {
  commitment: Commitment;
  kind: 'fulfil' | 'drop';
  /** Told when the agent confirms, before the row (and this dialog) may be gone with the answer. */
  onResolving?: () => void;
}

function ResolveForm({ commitment, kind, onResolving, close }: ResolveCommitmentDialogProps & { close: () => void }) {
  const { t } = useTranslation();
  const fulfil = useFulfilCommitment(commitment.id);
  const drop = useDropCommitment(commitment.id);
  const mutation = kind === 'fulfil' ? fulfil : drop;
  const [text, setText] = useState('');
  return (
    <Form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!text.trim()) return;
        onResolving?.();
        mutation.mutate(text.trim(), { onSuccess: close });
      }}
    >
      <p className="dialog__quote">{commitment.description}</p>
      <TextField
        label={kind === 'fulfil' ? t('commitments.outcome') : t('commitments.reason')}
        description={t('commitments.customerWillRead')}
        multiline
        rows={4}
        value={text}
        onChange={setText}
        maxLength={LIMITS.resolution}
        isRequired
        autoFocus
      />
      <ActionError error={mutation.error} />
      <div className="dialog__actions">
        <Button onPress={close}>{t('common.cancel')}</Button>
        <Button type="submit" variant={kind === 'fulfil' ? 'primary' : 'danger'} isPending={mutation.isPending}>
          {kind === 'fulfil' ? t('commitments.confirmFulfil') : t('commitments.confirmDrop')}
        </Button>
      </div>
    </Form>
  );
}

export function ResolveCommitmentDialog({ commitment, kind, onResolving }: ResolveCommitmentDialogProps) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button
        size="small"
        variant={kind === 'fulfil' ? 'primary' : 'quiet'}
        // Rows of "Kept" and "Drop" buttons: each names its commitment for screen readers.
        aria-label={t(kind === 'fulfil' ? 'commitments.fulfilNamed' : 'commitments.dropNamed', {
          description: commitment.description,
        })}
      >
        {kind === 'fulfil' ? t('commitments.fulfil') : t('commitments.drop')}
      </Button>
      <ModalDialog title={kind === 'fulfil' ? t('commitments.fulfilTitle') : t('commitments.dropTitle')}>
        {(close) => <ResolveForm commitment={commitment} kind={kind} onResolving={onResolving} close={close} />}
      </ModalDialog>
    </DialogTrigger>
  );
}
