// A manager publishes a Customer Day's report: what it says now is kept as it is (a snapshot), so the
// published report never changes when messages do. Publishing again is asked for explicitly.
import type { CustomerDayReportView } from '@ecoute/shared/customer-day-contract';
import { findPublishedReport, lockPublication, savePublication } from '../db/customer-days.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { computeCustomerDayReport, reportableCustomerDay, toPublication } from './customer-day-report.ts';
import { DomainError } from './errors.ts';
import type { Actor } from './message-action.ts';

export interface PublishInput {
  date: string;
  actor: Actor;
  /** Replace the report already published. */
  republish: boolean;
  now: Date;
}

export async function publishCustomerDay(
  db: Db,
  { date, actor, republish, now }: PublishInput,
): Promise<CustomerDayReportView & { first: boolean }> {
  const day = reportableCustomerDay(date, now);
  return inTransaction(db, async (tx) => {
    const published = await lockPublication(tx, day);
    if (published && !republish) {
      throw new DomainError(
        'conflict',
        'already_published',
        `The report of ${day} is published already (version ${published.version}): send republish to replace it.`,
      );
    }
    const report = await computeCustomerDayReport(tx, day, now);
    await savePublication(tx, { customerDay: day, report, publishedBy: actor.id });
    const saved = (await findPublishedReport(tx, day))!;
    return { source: 'published', publication: toPublication(saved), report: saved.report, first: !published };
  });
}

/** The report of `date`: as published (unless `live` is asked for), else as computed now. */
export async function readCustomerDayReport(
  db: Db,
  { date, now, version }: { date: string; now: Date; version?: 'published' | 'live' | undefined },
): Promise<CustomerDayReportView> {
  const day = reportableCustomerDay(date, now);
  const published = await findPublishedReport(db, day);
  const publication = published ? toPublication(published) : null;
  if (published && version !== 'live') return { source: 'published', publication, report: published.report };
  return { source: 'live', publication, report: await computeCustomerDayReport(db, day, now) };
}
