// An admin makes a form (a site or product that customers write from): its key is what pages embed.
import type { FormInput } from '@ecoute/shared/agent-contract';
import {
  describeFormSettingsProblem,
  formSettingsProblems,
  type FormSettingsDraft,
} from '@ecoute/shared/form-settings';
import { insertForm } from '../db/forms.repo.ts';
import type { Form } from '../db/schema/index.ts';
import type { Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';

/** Refuses what a schema cannot say: origins browsers never send, a pale accent, unknown placeholders. */
export function ensureValidFormSettings(draft: FormSettingsDraft): void {
  const problems = Object.entries(formSettingsProblems(draft));
  if (problems.length > 0) {
    const fields = Object.fromEntries(
      problems.map(([field, problem]) => [field, describeFormSettingsProblem(problem)]),
    );
    throw new DomainError('invalid_input', 'invalid_request', 'Some fields are missing or invalid.', { fields });
  }
}

export function keyTaken(key: string): DomainError {
  return new DomainError('conflict', 'form_key_taken', `Another form has the key "${key}".`, {
    fields: { key: 'is taken' },
  });
}

/** A form's acknowledgements as stored: a language without its own words is left out. */
export function storedAcknowledgements(
  acknowledgements: FormSettingsDraft['acknowledgements'],
): Form['acknowledgements'] {
  return Object.fromEntries(Object.entries(acknowledgements ?? {}).filter(([, text]) => text?.trim()));
}

export async function createForm(db: Db, input: FormInput): Promise<Form> {
  ensureValidFormSettings(input);
  const form = await insertForm(db, {
    key: input.key,
    name: input.name.trim(),
    allowedOrigins: input.allowedOrigins ?? [],
    defaultLocale: input.defaultLocale ?? 'en',
    acknowledgements: storedAcknowledgements(input.acknowledgements),
    accent: input.accent?.toLowerCase() ?? null,
  });
  if (!form) throw keyTaken(input.key);
  return form;
}
