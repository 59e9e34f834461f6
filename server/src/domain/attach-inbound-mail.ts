// An admin places a mail from the unmatched list on a message: its words become the customer's on
// that message (reopening it, as any reply by email would), and the timeline says who attached it.
import { lockInboundMail, updateInboundMail } from '../db/inbound-mails.repo.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { addCustomerMessage } from './add-customer-message.ts';
import { DomainError } from './errors.ts';
import { unmatchedMail } from './dismiss-inbound-mail.ts';
import { lockedMessage, type Actor } from './message-action.ts';

export interface AttachInboundMailInput {
  inboundMailId: string;
  messageId: string;
  actor: Actor;
}

export async function attachInboundMail(db: Db, { inboundMailId, messageId, actor }: AttachInboundMailInput) {
  return inTransaction(db, async (tx) => {
    const mail = unmatchedMail(await lockInboundMail(tx, inboundMailId));
    if (mail.kind === 'unparsable') {
      throw new DomainError('invalid_input', 'mail_unreadable', 'This mail could not be read: dismiss it instead.');
    }
    await lockedMessage(tx, messageId);
    await recordEvent(tx, { messageId, type: 'mail_attached', actorId: actor.id, body: null, data: { inboundMailId } });
    const event = await addCustomerMessage(tx, {
      messageId,
      body: mail.text,
      inboundMail: { id: mail.id, attachments: mail.attachments },
    });
    await updateInboundMail(tx, mail.id, {
      outcome: 'attached',
      unmatchedReason: null,
      messageId,
      eventId: event.id,
      resolvedById: actor.id,
      resolved: true,
    });
    return { ...mail, outcome: 'attached' as const, messageId };
  });
}
