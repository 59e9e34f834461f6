// The customer turns emails about their message off (the link in every email, one click, or their
// tracking page) or back on. Only their address can be written to, and an address that bounces
// stays silent whatever they ask: only a new address would change that.
import type { CustomerEmailState } from '@ecoute/shared/statuses';
import { updateMessage } from '../db/messages.repo.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';
import { lockedMessage } from './message-action.ts';

export interface SetCustomerEmailsInput {
  messageId: string;
  state: 'on' | 'off';
}

/** The state once set; the timeline records it only when it changed. */
export async function setCustomerEmails(
  db: Db,
  { messageId, state }: SetCustomerEmailsInput,
): Promise<CustomerEmailState> {
  return inTransaction(db, async (tx) => {
    const message = await lockedMessage(tx, messageId);
    if (!message.customerEmail) {
      throw new DomainError('invalid_transition', 'no_email_address', 'This message has no email address to write to.');
    }
    if (message.customerEmailState === state) return state;
    if (message.customerEmailState === 'bouncing') {
      // `off` asks for what already holds (nothing is sent to a bouncing address); turning it into
      // `off` would let a later `on` write to an address known not to work.
      if (state === 'off') return 'bouncing';
      throw new DomainError(
        'invalid_transition',
        'email_address_bouncing',
        'Emails to this address do not arrive (it bounces): they cannot be turned back on for it.',
      );
    }
    await updateMessage(tx, messageId, { customerEmailState: state });
    await recordEvent(tx, { messageId, type: 'customer_emails', body: null, data: { state } });
    return state;
  });
}
