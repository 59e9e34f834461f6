// Forms: looked up by their public key on every submission.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from './transaction.ts';
import { forms, type Form } from './schema/index.ts';

export async function findFormByKey(db: Db, key: string): Promise<Form | undefined> {
  const [form] = await db.select().from(forms).where(eq(forms.key, key)).limit(1);
  return form;
}

/** The form with this key, made (with no allowed origins) the first time it is needed. */
export async function findOrCreateForm(db: Db, form: { key: string; name: string }): Promise<Form> {
  const [created] = await db.insert(forms).values(form).onConflictDoNothing().returning();
  if (created) return created;
  const [existing] = await db.select().from(forms).where(eq(forms.key, form.key)).limit(1);
  return existing!;
}

/** Those of `ids` that are forms. */
export async function findFormIds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: forms.id }).from(forms).where(inArray(forms.id, ids));
  return rows.map((row) => row.id);
}
