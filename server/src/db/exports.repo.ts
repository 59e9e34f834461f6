// The rows of the CSV exports, read through one cursor in batches (never the whole table, never OFFSET):
// messages with their times, commitments with their message, oldest first (the order of
// messages_created_at_idx, messages_team_created_at_idx and commitments_created_at_idx, migrations/0017).
// Rows come as arrays, in the order of the export's columns, the fewest objects per row.
// Times are printed by the database, ISO 8601 in UTC to the millisecond, the same on both drivers.
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { PoolClient } from 'pg';
import type { Database } from './client.ts';

export interface ExportFilters {
  /** Days (YYYY-MM-DD, UTC), both included. */
  from?: string | undefined;
  to?: string | undefined;
  teamId?: string | undefined;
}

/** A row of the export: its cells in the order of the export's columns. */
export type ExportRow = unknown[];

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function periodConditions(createdAt: SQL, filters: ExportFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.from) conditions.push(sql`${createdAt} >= (${filters.from}::date)::timestamp at time zone 'UTC'`);
  if (filters.to) conditions.push(sql`${createdAt} < (${filters.to}::date + 1)::timestamp at time zone 'UTC'`);
  if (filters.teamId) conditions.push(sql`m.team_id = ${filters.teamId}`);
  return conditions;
}

/**
 * Each message's times as the dashboard reads them (the stats facts, shared/src/stats.ts, kept by
 * the database: migrations/0014): acknowledged and first replied, who wrote that reply, the time to
 * it in the team's working time, and when the customer's last turn began.
 */
function messageTimesJoin(): SQL {
  return sql`left join message_facts facts on facts.message_id = m.id
    left join users replier on replier.id = facts.first_reply_by
    left join lateral (select max(ct.started_at) as started_at from customer_turns ct
                       where ct.message_id = m.id) last_turn on true`;
}

const where = (conditions: SQL[]) => (conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``);

/** Messages received in the period, oldest first: the cells of MESSAGE_EXPORT_COLUMNS. */
export function messageExportQuery(filters: ExportFilters): SQL {
  return sql`
    select m.reference, ${iso(sql`m.created_at`)}, ${iso(sql`facts.acknowledged_at`)},
           ${iso(sql`facts.first_reply_at`)}, replier.name, round(facts.working_seconds_to_first_reply)::int,
           ${iso(sql`coalesce(last_turn.started_at, m.created_at)`)},
           m.status, t.name, u.name, m.locale, f.name, array_to_string(m.tags, ' '), m.customer_name, m.body
    from messages m
    join forms f on f.id = m.form_id
    join teams t on t.id = m.team_id
    left join users u on u.id = m.assignee_id
    ${messageTimesJoin()}
    ${where(periodConditions(sql`m.created_at`, filters))}
    order by m.created_at, m.id`;
}

/** Commitments made in the period (of the team's messages), oldest first: the cells of COMMITMENT_EXPORT_COLUMNS. */
export function commitmentExportQuery(filters: ExportFilters): SQL {
  return sql`
    select m.reference, c.description, u.name, c.due_on::text, c.status, ${iso(sql`c.created_at`)},
           case when c.status = 'fulfilled' then ${iso(sql`c.resolved_at`)} end,
           case when c.status = 'dropped' then ${iso(sql`c.resolved_at`)} end,
           c.outcome
    from commitments c
    join messages m on m.id = c.message_id
    left join users u on u.id = c.owner_id
    ${where(periodConditions(sql`c.created_at`, filters))}
    order by c.created_at, c.id`;
}

const dialect = new PgDialect();

/** A cursor's reads: the next `count` rows (fewer at the end), then closing it, however the reading ended. */
interface Cursor {
  fetch(count: number): Promise<ExportRow[]>;
  close(failed: boolean): Promise<void>;
}

/**
 * PostgreSQL: a connection of the export's own, a read-only repeatable-read transaction (one snapshot
 * from the first row to the last) and a cursor in it, rows computed as they are fetched.
 */
async function openPostgresCursor(client: PoolClient, text: string, params: unknown[]): Promise<Cursor> {
  try {
    await client.query('begin isolation level repeatable read, read only');
    await client.query({ text: `declare export_rows no scroll cursor for ${text}`, values: params });
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  return {
    fetch: async (count) =>
      (await client.query<ExportRow>({ text: `fetch forward ${count} from export_rows`, rowMode: 'array' })).rows,
    async close(failed) {
      try {
        await client.query(failed ? 'rollback' : 'commit');
        client.release();
      } catch (error) {
        client.release(error as Error);
      }
    },
  };
}

/**
 * PGlite has one session for the whole process, and a transaction there holds every other query until
 * it ends: a cursor inside one would stop the inbox for as long as a slow client downloads. A cursor
 * WITH HOLD is opened outside any transaction instead: PGlite runs the query once, keeps its rows
 * (spilling to temporary files past work_mem, not into this process's heap) and hands them out batch
 * by batch between the other queries. Its name is unique: exports may run side by side in that session.
 */
async function openPgliteCursor(client: PGlite, text: string, params: unknown[]): Promise<Cursor> {
  const name = `export_rows_${randomUUID().replaceAll('-', '')}`;
  await client.query(`declare ${name} no scroll cursor with hold for ${text}`, params);
  return {
    fetch: async (count) =>
      (await client.query<ExportRow>(`fetch forward ${count} from ${name}`, [], { rowMode: 'array' })).rows,
    close: async () => {
      await client.query(`close ${name}`);
    },
  };
}

/**
 * The query's rows, `batchSize` at a time, through one cursor. The next batch is fetched while the
 * caller handles this one, so the database and the writing overlap; never more than one batch ahead,
 * so memory stays bounded by two batches whatever the period. Stopping early (a client gone) closes
 * the cursor and gives the connection back.
 */
export async function* readInBatches(db: Database, query: SQL, batchSize: number): AsyncGenerator<ExportRow[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  // Both drivers' drizzle instances carry their client (client.ts types them alike, as node-postgres's).
  const client = (db as unknown as { $client: unknown }).$client;
  const cursor =
    client instanceof PGlite
      ? await openPgliteCursor(client, text, params)
      : await openPostgresCursor(await (client as { connect(): Promise<PoolClient> }).connect(), text, params);
  let failed = true;
  try {
    let batch = cursor.fetch(batchSize);
    for (;;) {
      const rows = await batch;
      const more = rows.length === batchSize;
      if (more) {
        batch = cursor.fetch(batchSize);
        // A client gone before this batch is awaited must not leave its failure unhandled.
        batch.catch(() => {});
      }
      if (rows.length > 0) yield rows;
      if (!more) break;
    }
    failed = false;
  } finally {
    // A batch still being fetched is waited for: the cursor's session runs one statement at a time.
    await cursor.close(failed);
  }
}
