// An agent keeps a commitment and says what was done.
import type { Db } from '../db/transaction.ts';
import { resolveCommitment, type ResolutionOutcome, type ResolveCommitmentInput } from './resolve-commitment.ts';

export function fulfilCommitment(db: Db, input: ResolveCommitmentInput): Promise<ResolutionOutcome> {
  return resolveCommitment(db, input, 'fulfilled');
}
