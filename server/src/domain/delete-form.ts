// An admin deletes a form made by mistake. One with messages is refused: they would lose their
// form, so it is archived instead (it stops taking messages and keeps them).
import { deleteFormRow, formHasMessages, lockForm } from '../db/forms.repo.ts';
import type { Form } from '../db/schema/index.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';

export async function deleteForm(db: Db, input: { id: string }): Promise<Form> {
  return inTransaction(db, async (tx) => {
    const form = await lockForm(tx, input.id);
    if (!form) throw new DomainError('not_found', 'not_found', 'There is no such form.');
    if (await formHasMessages(tx, input.id)) {
      throw new DomainError(
        'conflict',
        'form_has_messages',
        'A form with messages cannot be deleted: archive it instead, so that it takes no more messages and keeps its history.',
      );
    }
    await deleteFormRow(tx, input.id);
    return form;
  });
}
