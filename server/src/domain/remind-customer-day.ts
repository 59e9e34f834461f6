// A week before each Customer Day (the `customer-day.reminders` job, daily), every manager and admin
// is reminded of it, with the link to its report: once per Customer Day and person however often the
// job runs (its dedupe key), and on no other day; in each one's language.
import { utcDay } from '@ecoute/shared/calendar';
import { nextCustomerDay, reminderDay } from '@ecoute/shared/customer-day';
import { findManagers } from '../db/reminders.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { queueEmail, type Outbox } from './queue-email.ts';

export async function remindCustomerDay(db: Db, outbox: Outbox, { now = new Date() }: { now?: Date } = {}) {
  const customerDay = nextCustomerDay(now);
  if (reminderDay(customerDay) !== utcDay(now)) return;
  await inTransaction(db, async (tx) => {
    for (const user of await findManagers(tx)) {
      await queueEmail(tx, outbox, {
        kind: 'customer_day_reminder',
        // In the language they chose; one who has not chosen yet gets it in both (send-email.ts).
        locale: user.locale ?? 'en',
        recipient: user.email,
        recipientUserId: user.id,
        aboutDay: customerDay,
        dedupeKey: `customer_day_reminder:${customerDay}:${user.id}`,
      });
    }
  });
}
