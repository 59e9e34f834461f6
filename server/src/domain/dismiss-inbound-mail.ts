// An admin sets aside a mail from the unmatched list (spam, a stray newsletter): it stays stored with
// its original, out of the list.
import { lockInboundMail, updateInboundMail } from '../db/inbound-mails.repo.ts';
import type { InboundMailRow } from '../db/schema/index.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { DomainError } from './errors.ts';
import type { Actor } from './message-action.ts';

/** The mail, if it is still waiting in the unmatched list; refused otherwise, in the domain's words. */
export function unmatchedMail(mail: InboundMailRow | undefined): InboundMailRow {
  if (!mail) throw new DomainError('not_found', 'not_found', 'There is no such mail.');
  if (mail.outcome !== 'unmatched') {
    throw new DomainError('invalid_transition', 'mail_not_unmatched', 'This mail was already placed or dismissed.');
  }
  return mail;
}

export async function dismissInboundMail(db: Db, { inboundMailId, actor }: { inboundMailId: string; actor: Actor }) {
  return inTransaction(db, async (tx) => {
    const mail = unmatchedMail(await lockInboundMail(tx, inboundMailId));
    await updateInboundMail(tx, mail.id, { outcome: 'dismissed', resolvedById: actor.id, resolved: true });
    return { ...mail, outcome: 'dismissed' as const };
  });
}
