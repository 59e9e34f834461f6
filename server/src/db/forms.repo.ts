// Forms: looked up by their public key on every submission.
import { eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { forms, type Form } from './schema/index.ts';

export async function findFormByKey(db: Database, key: string): Promise<Form | undefined> {
  const [form] = await db.select().from(forms).where(eq(forms.key, key)).limit(1);
  return form;
}
