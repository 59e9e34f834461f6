// An admin changes a form. Its key is in every page that embeds it and every hosted-form link, so
// it may change only while the form has no messages; archiving stops new messages and keeps history.
import type { FormChange } from '@ecoute/shared/agent-contract';
import { formHasMessages, lockForm, updateFormRow } from '../db/forms.repo.ts';
import { violates } from '../db/messages.repo.ts';
import type { Form } from '../db/schema/index.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { ensureValidFormSettings, keyTaken, storedAcknowledgements } from './create-form.ts';
import { DomainError } from './errors.ts';

/** The form as changed, and the key it had (caches forget both). */
export async function updateForm(
  db: Db,
  input: { id: string; change: FormChange },
): Promise<{ form: Form; previousKey: string }> {
  const { id, change } = input;
  ensureValidFormSettings(change);
  try {
    return await inTransaction(db, async (tx) => {
      const form = await lockForm(tx, id);
      if (!form) throw new DomainError('not_found', 'not_found', 'There is no such form.');
      if (change.key !== undefined && change.key !== form.key && (await formHasMessages(tx, id))) {
        throw new DomainError(
          'conflict',
          'form_key_locked',
          `The key "${form.key}" cannot change: the form has messages, and pages and links use the key. ` +
            'Make a new form for the new key, and archive this one when its pages are changed.',
          { fields: { key: 'cannot change once the form has messages' } },
        );
      }
      const updated = await updateFormRow(tx, id, {
        ...(change.key !== undefined && { key: change.key }),
        ...(change.name !== undefined && { name: change.name.trim() }),
        ...(change.allowedOrigins !== undefined && { allowedOrigins: change.allowedOrigins }),
        ...(change.defaultLocale !== undefined && { defaultLocale: change.defaultLocale }),
        ...(change.acknowledgements !== undefined && {
          acknowledgements: storedAcknowledgements({ ...form.acknowledgements, ...change.acknowledgements }),
        }),
        ...(change.accent !== undefined && { accent: change.accent?.toLowerCase() ?? null }),
        ...(change.archived !== undefined && {
          archivedAt: change.archived ? (form.archivedAt ?? new Date()) : null,
        }),
      });
      return { form: updated!, previousKey: form.key };
    });
  } catch (error) {
    if (violates(error, 'forms_key_unique')) throw keyTaken(change.key!);
    throw error;
  }
}
