// Forms: looked up by their public key on every submission, and set by admins.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Locale } from '@ecoute/shared/locale';
import type { Db } from './transaction.ts';
import { forms, messages, type Form } from './schema/index.ts';

/** The form pages post to: an archived one takes no more messages, so it is not found. */
export async function findOpenFormByKey(db: Db, key: string): Promise<Form | undefined> {
  const [form] = await db
    .select()
    .from(forms)
    .where(and(eq(forms.key, key), isNull(forms.archivedAt)))
    .limit(1);
  return form;
}

/** The form with this key, made (with no allowed origins) the first time it is needed. */
export async function findOrCreateForm(db: Db, form: { key: string; name: string }): Promise<Form> {
  const [created] = await db.insert(forms).values(form).onConflictDoNothing().returning();
  if (created) return created;
  const [existing] = await db.select().from(forms).where(eq(forms.key, form.key)).limit(1);
  return existing!;
}

export type FormWithCount = Form & { messageCount: number };

// Spelled out: inside a subquery, drizzle would name the columns without their tables.
const messageCount = sql<number>`(select count(*)::int from messages m where m.form_id = forms.id)`;

/** Every form with its count of messages: one pass over the messages, whatever the number of forms. */
export async function listForms(db: Db): Promise<FormWithCount[]> {
  const counts = db
    .select({ formId: messages.formId, n: sql<number>`count(*)::int`.as('n') })
    .from(messages)
    .groupBy(messages.formId)
    .as('counts');
  return db
    .select({ form: forms, messageCount: sql<number>`coalesce(${counts.n}, 0)` })
    .from(forms)
    .leftJoin(counts, eq(counts.formId, forms.id))
    .orderBy(asc(forms.name), asc(forms.id))
    .then((rows) => rows.map((row) => ({ ...row.form, messageCount: row.messageCount })));
}

export async function findFormById(db: Db, id: string): Promise<FormWithCount | undefined> {
  const [row] = await db.select({ form: forms, messageCount }).from(forms).where(eq(forms.id, id));
  return row && { ...row.form, messageCount: row.messageCount };
}

/** The form, its row locked until the transaction ends: submissions to it wait (their FK shares the row). */
export async function lockForm(db: Db, id: string): Promise<Form | undefined> {
  const [form] = await db.select().from(forms).where(eq(forms.id, id)).for('update');
  return form;
}

export async function formHasMessages(db: Db, id: string): Promise<boolean> {
  const rows = await db.select({ id: messages.id }).from(messages).where(eq(messages.formId, id)).limit(1);
  return rows.length > 0;
}

export interface FormValues {
  key: string;
  name: string;
  allowedOrigins: string[];
  defaultLocale: Locale;
  acknowledgements: Partial<Record<Locale, string>>;
  accent: string | null;
  archivedAt: Date | null;
}

/** A new form; undefined when its key is taken. */
export async function insertForm(db: Db, values: Omit<FormValues, 'archivedAt'>): Promise<Form | undefined> {
  const [row] = await db.insert(forms).values(values).onConflictDoNothing({ target: forms.key }).returning();
  return row;
}

export async function updateFormRow(db: Db, id: string, values: Partial<FormValues>): Promise<Form | undefined> {
  const [row] = await db
    .update(forms)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(forms.id, id))
    .returning();
  return row;
}

export async function deleteFormRow(db: Db, id: string): Promise<void> {
  await db.delete(forms).where(eq(forms.id, id));
}

/** Those of `ids` that are forms. */
export async function findFormIds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: forms.id }).from(forms).where(inArray(forms.id, ids));
  return rows.map((row) => row.id);
}
