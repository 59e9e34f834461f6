// The per-account budget of failed sign-ins only slows guessing down: every attempt on an account
// waits longer as its failures (from any address) grow, before the password is checked. It never
// refuses: the person who knows the password gets in, a little later, whatever others try.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../db/client.ts';
import { countHit, readWindow } from '../../db/rate-limits.repo.ts';

const BUDGET = 'sign-in-failures-per-account';
export const SIGN_IN_FAILURE_WINDOW_MS = 10 * 60_000;
/** Failures an account takes without any wait: a person mistyping a few times never waits. */
const FREE_FAILURES = 5;
const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 2_000;

/** 0 ms up to FREE_FAILURES failures, then 100 ms doubling with each failure, at most 2 s. */
export function signInDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

/** Waits as long as the account's recent failures ask. */
export async function waitForAccount(db: Database, account: string): Promise<void> {
  const window = await readWindow(db, BUDGET, account);
  const delay = signInDelayMs(window?.hits ?? 0);
  if (delay > 0) await sleep(delay);
}

export async function countAccountFailure(db: Database, account: string): Promise<void> {
  await countHit(db, BUDGET, account, SIGN_IN_FAILURE_WINDOW_MS);
}
