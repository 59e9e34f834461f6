// An internal note for colleagues: it joins the timeline, marked internal, and never reaches the customer.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { ActionError, ActionSuccess } from '../../../components/ui/states.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { LIMITS } from '../../../lib/contract-values.ts';
import { useAddNote } from '../api/add-note.ts';

export function NoteForm({ messageId }: { messageId: string }) {
  const { t } = useTranslation();
  const addNote = useAddNote(messageId);
  const [body, setBody] = useState('');
  /** The note just added, said so (and focused: the emptied form's button can no longer hold it). */
  const [added, setAdded] = useState(false);
  const edit = (next: string) => {
    setBody(next);
    setAdded(false);
  };
  return (
    <Form
      className="card form note-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!body.trim()) return;
        addNote.mutate(body, {
          onSuccess: () => {
            setBody('');
            setAdded(true);
          },
        });
      }}
    >
      <TextField
        label={t('notes.label')}
        description={t('notes.description')}
        multiline
        rows={3}
        value={body}
        onChange={edit}
        maxLength={LIMITS.note}
        isRequired
      />
      <ActionError error={addNote.error} />
      {added ? <ActionSuccess>{t('notes.added')}</ActionSuccess> : null}
      <div className="form__actions">
        <Button type="submit" isPending={addNote.isPending} isDisabled={!body.trim()}>
          {t('notes.add')}
        </Button>
      </div>
    </Form>
  );
}
