// What repository functions and domain actions run on: the database itself, or a transaction that a
// caller (a route, a job, a test) opened and may still roll back.
import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect, PgTransaction } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Db = Database | Transaction;

/**
 * Runs `work` in a transaction: a new one on the database, or a savepoint inside the caller's, so
 * that a failed action undoes only itself and the caller's rollback undoes everything.
 */
export function inTransaction<T>(db: Db, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(work);
}

/** Whether `db` is a transaction, where a failed statement aborts all that was done in it before. */
export const isTransaction = (db: Db): db is Transaction => db instanceof PgTransaction;

const dialect = new PgDialect();

/**
 * Runs `statement` as a named prepared statement, which PostgreSQL parses and plans once per
 * connection (after five executions, a generic plan when it is as good): for the few statements every
 * submission sends, where planning anew cost as much as running. Named by a hash of the text, so each
 * variant of a statement is one name; PGlite runs it as any other statement.
 */
export async function executePrepared<Row>(db: Db, statement: SQL): Promise<{ rows: Row[] }> {
  const query = dialect.sqlToQuery(statement);
  const name = `ecoute_${createHash('sha1').update(query.sql).digest('base64url').slice(0, 24)}`;
  return (await db._.session.prepareQuery(query, undefined, name, false).execute()) as { rows: Row[] };
}
