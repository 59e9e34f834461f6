// The check that runs every few minutes (the `email.reminders` job): the owner and the managers hear
// of a commitment the day before it is due and once it is overdue, the managers of a message still
// unanswered after the configured time. Each reminder is sent once per commitment (or wait) and state
// and person, however often the check runs: its dedupe key says so. Dates are UTC days.
import { DAY_MS, utcDay } from '@ecoute/shared/calendar';
import {
  findActiveRecipients,
  findCommitmentsToRemind,
  findManagers,
  findUnansweredToRemind,
} from '../db/reminders.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { queueEmail, type Outbox } from './queue-email.ts';

/** A wait is reminded of within a week of passing the threshold; older ones were the past's to remind. */
const LOOK_BACK_MS = 7 * 86_400_000;

export async function remindTeam(
  db: Db,
  outbox: Outbox,
  { unansweredAfterMs, now = new Date() }: { unansweredAfterMs: number; now?: Date },
): Promise<void> {
  const today = utcDay(now);
  const tomorrow = utcDay(new Date(now.getTime() + DAY_MS));
  await inTransaction(db, async (tx) => {
    const managers = await findManagers(tx);
    const due = await findCommitmentsToRemind(tx, today, tomorrow);
    const owners = new Map(
      (await findActiveRecipients(tx, [...new Set(due.flatMap((c) => (c.ownerId ? [c.ownerId] : [])))])).map((user) => [
        user.id,
        user,
      ]),
    );
    for (const commitment of due) {
      const owner = commitment.ownerId ? owners.get(commitment.ownerId) : undefined;
      const recipients = [...(owner ? [owner] : []), ...managers.filter((manager) => manager.id !== owner?.id)];
      const kind = commitment.state === 'due' ? 'commitment_due' : 'commitment_overdue';
      for (const user of recipients) {
        await queueEmail(tx, outbox, {
          messageId: commitment.messageId,
          kind,
          locale: commitment.locale,
          recipient: user.email,
          recipientUserId: user.id,
          commitmentId: commitment.id,
          dedupeKey: `${kind}:${commitment.id}:${commitment.dueOn}:${user.id}`,
        });
      }
    }
    const until = new Date(now.getTime() - unansweredAfterMs);
    const waiting = await findUnansweredToRemind(tx, new Date(until.getTime() - LOOK_BACK_MS), until);
    for (const message of waiting) {
      for (const user of managers) {
        await queueEmail(tx, outbox, {
          messageId: message.id,
          kind: 'unanswered',
          locale: message.locale,
          recipient: user.email,
          recipientUserId: user.id,
          dedupeKey: `unanswered:${message.id}:${message.waitingSince.toISOString()}:${user.id}`,
        });
      }
    }
  });
}
