// What repository functions and domain actions run on: the database itself, or a transaction that a
// caller (a route, a job, a test) opened and may still roll back.
import { PgTransaction } from 'drizzle-orm/pg-core';
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
