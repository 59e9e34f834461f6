// Read-only links to a published Customer Day report, for people without an account: the token is
// 256 random bits, kept only as its hash; a revoked link answers that it was revoked.
import type { SharedReport, Share } from '@ecoute/shared/customer-day-contract';
import {
  createShare,
  findPublishedReport,
  findShare,
  findShareByTokenHash,
  listShares,
  revokeShare,
  type ShareRow,
} from '../db/customer-days.repo.ts';
import type { Db } from '../db/transaction.ts';
import { hashShareToken, newSecret } from '../security/secrets.ts';
import { reportableCustomerDay, toPublication } from './customer-day-report.ts';
import { DomainError } from './errors.ts';
import type { Actor } from './message-action.ts';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function toShare(row: ShareRow): Share {
  return {
    id: row.id,
    customerDay: row.customerDay,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdById ? { id: row.createdById, name: row.createdByName ?? '' } : null,
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
  };
}

/** A new link to the published report of `date`, and its token (given this once). */
export async function shareCustomerDay(
  db: Db,
  { date, actor, now }: { date: string; actor: Actor; now: Date },
): Promise<{ share: Share; token: string }> {
  const day = reportableCustomerDay(date, now);
  if (!(await findPublishedReport(db, day))) {
    throw new DomainError('invalid_transition', 'not_published', 'Publish the report before sharing it.');
  }
  const token = newSecret();
  const id = await createShare(db, { customerDay: day, tokenHash: hashShareToken(token), createdBy: actor.id });
  return { share: toShare((await findShare(db, id))!), token };
}

export async function sharesOf(db: Db, { date, now }: { date: string; now: Date }): Promise<Share[]> {
  return (await listShares(db, reportableCustomerDay(date, now))).map(toShare);
}

/** Revokes a link: it stops working at once (revoking it again changes nothing). Refuses an unknown link. */
export async function revokeCustomerDayShare(db: Db, id: string): Promise<void> {
  if (!(await revokeShare(db, id)) && !(await findShare(db, id))) {
    throw new DomainError('not_found', 'not_found', 'There is no such share link.');
  }
}

/** What a link shows: the published report; `revoked` for a revoked link, undefined for no link. */
export async function sharedReport(db: Db, token: string): Promise<SharedReport | 'revoked' | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const share = await findShareByTokenHash(db, hashShareToken(token));
  if (!share) return undefined;
  if (share.revokedAt) return 'revoked';
  const published = await findPublishedReport(db, share.customerDay);
  return published ? { publication: toPublication(published), report: published.report } : undefined;
}
