// Reply templates: plain functions over the database.
import { asc, eq, sql } from 'drizzle-orm';
import type { Template, TemplateInput } from '@ecoute/shared/agent-contract';
import type { Database } from './client.ts';
import { templates, type TemplateRow } from './schema/index.ts';

export function toTemplate(row: TemplateRow): Template {
  return { id: row.id, name: row.name, body: row.body, locale: row.locale, updatedAt: row.updatedAt.toISOString() };
}

export async function listTemplates(db: Database): Promise<TemplateRow[]> {
  return db.select().from(templates).orderBy(asc(templates.name), asc(templates.id));
}

export async function createTemplate(db: Database, input: TemplateInput): Promise<TemplateRow> {
  const [row] = await db
    .insert(templates)
    .values({ name: input.name.trim(), body: input.body, locale: input.locale ?? null })
    .returning();
  return row!;
}

export async function updateTemplate(
  db: Database,
  id: string,
  change: Partial<TemplateInput>,
): Promise<TemplateRow | undefined> {
  const [row] = await db
    .update(templates)
    // Only these columns, whatever else the request carried.
    .set({
      ...(change.name !== undefined ? { name: change.name.trim() } : {}),
      ...(change.body !== undefined ? { body: change.body } : {}),
      ...(change.locale !== undefined ? { locale: change.locale } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(templates.id, id))
    .returning();
  return row;
}

export async function deleteTemplate(db: Database, id: string): Promise<boolean> {
  const deleted = await db.delete(templates).where(eq(templates.id, id)).returning({ id: templates.id });
  return deleted.length > 0;
}
