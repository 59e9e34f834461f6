// Routing rules, kept in an explicit order (positions 0, 1, 2… without gaps), and the text-search facts
// rules are evaluated on: the lexemes of a message and of a rule's phrases, computed by the same
// accent-folding configurations as search (migrations/0004), so both sides are stemmed alike.
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { LOCALES, type Locale } from '@ecoute/shared/locale';
import type { Lexeme, PhraseLexemes, RoutingRule } from '@ecoute/shared/routing';
import { executePrepared, type Db } from './transaction.ts';
import { routingRules, type RoutingRuleRow } from './schema/index.ts';
import { lexemesFromTsvector } from './tsvector.ts';

const CONFIGS: Record<Locale, string> = { fr: 'french_unaccent', en: 'english_unaccent' };

/** The text's lexemes as the tsvector's text (read by lexemesFromTsvector). */
const tsvectorOf = (config: SQL, text: SQL): SQL => sql`to_tsvector(${config}, ${text})::text`;

const configOf = (locale: Locale) => sql`${CONFIGS[locale]}::regconfig`;

export async function listRoutingRules(db: Db): Promise<RoutingRuleRow[]> {
  return db.select().from(routingRules).orderBy(asc(routingRules.position), asc(routingRules.id));
}

/** Each phrase as lexemes in each language, in one query. */
export async function phraseLexemes(db: Db, phrases: string[]): Promise<PhraseLexemes> {
  if (phrases.length === 0) return {};
  const columns = LOCALES.map(
    (locale) => sql`${tsvectorOf(configOf(locale), sql`phrase`)} as ${sql.identifier(locale)}`,
  );
  const { rows } = await db.execute<{ phrase: string } & Record<Locale, string>>(sql`
    select phrase, ${sql.join(columns, sql`, `)}
    from unnest(${`{${phrases.map((phrase) => JSON.stringify(phrase)).join(',')}}`}::text[]) as phrase`);
  return Object.fromEntries(
    rows.map((row) => [
      row.phrase,
      Object.fromEntries(LOCALES.map((locale) => [locale, lexemesFromTsvector(row[locale])])) as Record<
        Locale,
        Lexeme[]
      >,
    ]),
  );
}

/** A rule as stored, but for its id and place. */
export type RuleFields = Omit<RoutingRule, 'id'>;

/** Puts the rule at `position` (the end when past it or undefined), renumbering the others. */
export async function saveRoutingRule(
  db: Db,
  id: string | undefined,
  fields: RuleFields,
  position: number | undefined,
): Promise<RoutingRuleRow | undefined> {
  return db.transaction(async (tx) => {
    // One writer at a time: positions are read, then written.
    await tx.execute(sql`lock table routing_rules in share row exclusive mode`);
    const order = (await listRoutingRules(tx)).map((rule) => rule.id);
    if (id !== undefined && !order.includes(id)) return undefined;
    const current = id === undefined ? -1 : order.indexOf(id);
    const ruleId =
      id ??
      (
        await tx
          .insert(routingRules)
          .values({ ...fields, position: order.length })
          .returning({ id: routingRules.id })
      )[0]!.id;
    if (id !== undefined) {
      await tx
        .update(routingRules)
        .set({ ...fields, updatedAt: sql`now()` })
        .where(eq(routingRules.id, id));
    }
    const others = order.filter((other) => other !== ruleId);
    const at = Math.min(position ?? (current >= 0 ? current : others.length), others.length);
    await renumber(tx, [...others.slice(0, at), ruleId, ...others.slice(at)]);
    return (await tx.select().from(routingRules).where(eq(routingRules.id, ruleId)))[0];
  });
}

async function renumber(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`
    update routing_rules r set position = o.position - 1
    from unnest(${`{${ids.join(',')}}`}::uuid[]) with ordinality as o(id, position)
    where r.id = o.id and r.position <> o.position - 1`);
}

/** Whether there was such a rule; the others close the gap. */
export async function deleteRoutingRule(db: Db, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table routing_rules in share row exclusive mode`);
    const deleted = await tx.delete(routingRules).where(eq(routingRules.id, id)).returning({ id: routingRules.id });
    await renumber(
      tx,
      (await listRoutingRules(tx)).map((rule) => rule.id),
    );
    return deleted.length > 0;
  });
}

/**
 * What rules may ask of a new message, each only when asked for: one prepared statement (its plan kept
 * by the session: planning the history's lookup cost more than answering it).
 */
export async function routingFacts(
  db: Db,
  message: { locale: Locale; body: string; customerEmail: string | null },
  wanted: { lexemes: boolean; history: boolean },
): Promise<{ lexemes: Lexeme[]; writtenBefore: boolean }> {
  const lexemes = wanted.lexemes ? tsvectorOf(configOf(message.locale), sql`${message.body}`) : sql`''`;
  const history =
    wanted.history && message.customerEmail !== null
      ? sql`exists (select 1 from messages m where lower(m.customer_email) = lower(${message.customerEmail}))`
      : sql`false`;
  const { rows } = await executePrepared<{ lexemes: string; written_before: boolean }>(
    db,
    sql`select ${lexemes} as lexemes, ${history} as written_before`,
  );
  const row = rows[0]!;
  return { lexemes: lexemesFromTsvector(row.lexemes), writtenBefore: row.written_before };
}

export type PreviewMessageRow = {
  id: string;
  reference: string;
  excerpt: string;
  formId: string;
  formName: string;
  locale: Locale;
  customerEmail: string | null;
  createdAt: Date | string;
  lexemes: Lexeme[];
  writtenBefore: boolean;
};

/** The newest messages (quarantine aside) with what rules read of them, as when each arrived. */
export async function previewMessages(db: Db, limit: number): Promise<PreviewMessageRow[]> {
  const { rows } = await db.execute<Omit<PreviewMessageRow, 'lexemes'> & { lexemes: string }>(sql`
    select m.id, m.reference, left(m.body, 200) as excerpt, m.form_id as "formId", f.name as "formName", m.locale,
           m.customer_email as "customerEmail", m.created_at as "createdAt",
           ${tsvectorOf(sql`case when m.locale = 'fr' then 'french_unaccent'::regconfig else 'english_unaccent'::regconfig end`, sql`m.body`)} as lexemes,
           (m.customer_email is not null and exists (
             select 1 from messages o
             where lower(o.customer_email) = lower(m.customer_email) and o.created_at < m.created_at)) as "writtenBefore"
    from (select * from messages where status <> 'spam' order by created_at desc, id desc limit ${limit}) m
    join forms f on f.id = m.form_id
    order by m.created_at desc, m.id desc`);
  return rows.map((row) => ({ ...row, lexemes: lexemesFromTsvector(row.lexemes) }));
}
