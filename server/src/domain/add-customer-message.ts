// The customer writes again (tracking page, its API, an email reply): their words join the timeline
// and the message waits for an answer, unless it is in quarantine, where a person decides.
import type { MailAttachment } from '@ecoute/shared/inbound-mail';
import { updateMessage } from '../db/messages.repo.ts';
import { recordEvent, type TimelineEntryRow } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { lockedMessage, nextStatus } from './message-action.ts';

export interface AddCustomerMessageInput {
  messageId: string;
  body: string;
  /** The stored mail the words came by, with the attachments it carried (listed, not kept). */
  inboundMail?: { id: string; attachments: MailAttachment[] };
}

export async function addCustomerMessage(
  db: Db,
  { messageId, body, inboundMail }: AddCustomerMessageInput,
): Promise<TimelineEntryRow> {
  return inTransaction(db, async (tx) => {
    const message = await lockedMessage(tx, messageId);
    const status = nextStatus(message.status, { type: 'customer_wrote' });
    const data = inboundMail ? { inboundMailId: inboundMail.id, attachments: inboundMail.attachments } : {};
    const event = await recordEvent(tx, { messageId, type: 'customer_message', body, data });
    await updateMessage(tx, messageId, {
      status,
      followUp: body,
      // Already waiting: they have waited since their earlier words, not since these.
      ...(message.status !== 'unanswered' && status === 'unanswered' && { waitingSince: event.createdAt }),
    });
    return { ...event, actorName: null };
  });
}
