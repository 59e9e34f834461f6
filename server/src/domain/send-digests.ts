// The weekly digest (the `digest.weekly` job, Mondays): each subscriber gets the past week of their
// team or tag, one email per subscriber and week however often the job runs (its dedupe key). Its
// words are composed when it is sent (send-email.ts), from the week's numbers and customers' words.
import { DAY_MS, utcDay } from '@ecoute/shared/calendar';
import { DIGEST_VERBATIMS } from '@ecoute/shared/digest-contract';
import { findVerbatims, listDigestSubscribers } from '../db/digests.repo.ts';
import type { DigestSubscriberRow } from '../db/schema/index.ts';
import { findTeamName } from '../db/teams.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import type { DigestEmail } from '../mail/outbound/compose.ts';
import { queueEmail, type Outbox } from './queue-email.ts';
import { statsForPeriod } from './stats-overview.ts';

/** The Monday (UTC) of the week before the one `now` is in: the week a digest sent then tells. */
export function pastWeekOf(now: Date): string {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sinceMonday = (new Date(today).getUTCDay() + 6) % 7;
  return utcDay(new Date(today - (sinceMonday + 7) * DAY_MS));
}

export async function sendWeeklyDigests(db: Db, outbox: Outbox, { now = new Date() }: { now?: Date } = {}) {
  const week = pastWeekOf(now);
  await inTransaction(db, async (tx) => {
    for (const subscriber of await listDigestSubscribers(tx)) {
      await queueEmail(tx, outbox, {
        kind: 'digest',
        locale: subscriber.locale,
        recipient: subscriber.email,
        subscriberId: subscriber.id,
        aboutDay: week,
        dedupeKey: `digest:${subscriber.id}:${week}`,
      });
    }
  });
}

/** What a digest tells, but for whom and its link: compose.ts's words are made of it. */
export type WeeklyDigest = Omit<DigestEmail, 'locale' | 'unsubscribeUrl'>;

/**
 * What a digest tells, read when it is sent: the dashboard's numbers for the team, or for the
 * messages with the tag.
 */
export async function weeklyDigest(db: Db, subscriber: DigestSubscriberRow, week: string): Promise<WeeklyDigest> {
  const teamName = subscriber.teamId ? ((await findTeamName(db, subscriber.teamId)) ?? null) : null;
  const to = utcDay(new Date(Date.parse(`${week}T00:00:00Z`) + 6 * DAY_MS));
  const stats = await statsForPeriod(db, {
    from: week,
    to,
    tz: 'UTC',
    ...(subscriber.teamId ? { teamId: subscriber.teamId } : { tag: subscriber.tag ?? undefined }),
  });
  const verbatims = await findVerbatims(
    db,
    subscriber,
    new Date(stats.period.start),
    new Date(stats.period.end),
    DIGEST_VERBATIMS.count,
    DIGEST_VERBATIMS.excerptLength,
  );
  return {
    from: week,
    to,
    teamName,
    tag: subscriber.tag,
    received: stats.totals.received.value,
    answered: stats.totals.answered.value,
    unansweredNow: stats.unanswered.count.value,
    verbatims,
  };
}
