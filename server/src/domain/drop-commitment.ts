// An agent drops a commitment and says why: a promise not kept is still told to the customer.
import type { Db } from '../db/transaction.ts';
import { resolveCommitment, type ResolutionOutcome, type ResolveCommitmentInput } from './resolve-commitment.ts';

export function dropCommitment(db: Db, input: ResolveCommitmentInput): Promise<ResolutionOutcome> {
  return resolveCommitment(db, input, 'dropped');
}
