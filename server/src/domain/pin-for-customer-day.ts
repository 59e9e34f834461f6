// A manager pins a message's words for Customer Day (with a note, if they like), or takes them out:
// the report of the period the message arrived in shows them; the timeline records each change, for
// colleagues only.
import { nextCustomerDay } from '@ecoute/shared/customer-day';
import type { Pin } from '@ecoute/shared/customer-day-contract';
import { deletePin, findMessageArrival, findPin, savePin } from '../db/customer-days.repo.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';
import { lockedMessage, type MessageActionInput } from './message-action.ts';

async function pinView(db: Db, messageId: string): Promise<Pin | null> {
  const pin = await findPin(db, messageId);
  const arrival = await findMessageArrival(db, messageId);
  if (!pin || !arrival) return null;
  return {
    messageId,
    // A period ends with its Customer Day, included: the first one on or after the day it arrived.
    customerDay: nextCustomerDay(arrival),
    note: pin.note,
    pinnedBy: pin.pinnedById ? { id: pin.pinnedById, name: pin.pinnedByName ?? '' } : null,
    pinnedAt: pin.pinnedAt.toISOString(),
  };
}

/** The message's pin, or null; refuses an unknown message. */
export async function readPin(db: Db, messageId: string): Promise<Pin | null> {
  if (!(await findMessageArrival(db, messageId))) {
    throw new DomainError('not_found', 'not_found', 'There is no such message.');
  }
  return pinView(db, messageId);
}

export interface PinInput extends MessageActionInput {
  note: string | null;
}

/** Pins the message (again, with another note); the same note again changes nothing. */
export async function pinForCustomerDay(db: Db, { messageId, actor, note: given }: PinInput): Promise<Pin> {
  const note = given?.trim() || null;
  return inTransaction(db, async (tx) => {
    const message = await lockedMessage(tx, messageId);
    if (message.status === 'spam') {
      throw new DomainError('invalid_transition', 'message_is_spam', 'A message in quarantine cannot be pinned.');
    }
    const pinned = await findPin(tx, messageId);
    if (!pinned || pinned.note !== note) {
      await savePin(tx, { messageId, note, pinnedBy: actor.id });
      await recordEvent(tx, { messageId, type: 'customer_day_pinned', actorId: actor.id, body: note, data: {} });
    }
    return (await pinView(tx, messageId))!;
  });
}

/** Takes the message out of the report; nothing happens when it was not pinned. */
export async function unpinForCustomerDay(db: Db, { messageId, actor }: MessageActionInput): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockedMessage(tx, messageId);
    if (await deletePin(tx, messageId)) {
      await recordEvent(tx, { messageId, type: 'customer_day_unpinned', actorId: actor.id, body: null, data: {} });
    }
  });
}
