// A mail comes in (the SMTP listener, a provider's webhook): it is stored once with its raw source,
// then placed, all in one transaction. A customer's reply joins their message as their words and
// reopens it, as a follow-up on the tracking page does; an automatic answer is kept and changes
// nothing; a delivery report stops emails to the address; new mail to the company is a new message
// on the "email" form; whatever cannot be placed waits in the unmatched list. Nothing is dropped.
import { createHash } from 'node:crypto';
import { LIMITS, VISIBLE_PATTERN } from '@ecoute/shared/limits';
import type { InboundMailChannel, InboundMailOutcome, UnmatchedReason } from '@ecoute/shared/inbound-mail';
import { markUnsubscribed } from '../db/digests.repo.ts';
import { findEmailByBounceTokenHash, findEmailsByRfcMessageIds } from '../db/emails.repo.ts';
import { findOrCreateForm } from '../db/forms.repo.ts';
import { insertInboundMail, updateInboundMail, type InboundMailChange } from '../db/inbound-mails.repo.ts';
import { findMessageIdByReplyTokenHash, updateMessage } from '../db/messages.repo.ts';
import type { EmailRow, InboundMailRow } from '../db/schema/index.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db, type Transaction } from '../db/transaction.ts';
import { addressToken, isInboundAddress, normalizeAddress } from '../mail/inbound/addresses.ts';
import { parseMail, type InboundMail } from '../mail/inbound/parse-mail.ts';
import { hashBounceToken, hashReplyToken } from '../security/secrets.ts';
import { DomainError } from './errors.ts';
import { lockedMessage } from './message-action.ts';
import { addCustomerMessage } from './add-customer-message.ts';
import { submitMessage } from './submit-message.ts';
import type { Outbox } from './queue-email.ts';
import type { RoutingRules } from './route-message.ts';

/**
 * The form new mail to the company lands on, made with the first such mail (not by a migration: a
 * database without forms is a fresh one, which the first start seeds with the demo form).
 */
const EMAIL_FORM = { key: 'email', name: 'Email' };

export interface ReceiveInboundMailInput {
  raw: Buffer;
  channel: InboundMailChannel;
  /** The SMTP envelope, when the mail came by SMTP (or a webhook passed it on). */
  envelope?: { from: string | null; to: string[] } | undefined;
  settings: { replyDomain: string; inboxAddress: string | undefined; publicUrl: string };
  /** A new message from mail is acknowledged by email, like a submission, and routed like one. */
  outbox: Outbox;
  routing: RoutingRules;
}

export interface InboundMailReceipt {
  id: string;
  outcome: InboundMailOutcome;
  /** The same mail came before: it was stored then, nothing happened now. */
  duplicate: boolean;
  /** The message it was placed on, if any. */
  messageId: string | null;
}

type Placement = Required<Pick<InboundMailChange, 'outcome'>> & InboundMailChange;

const VISIBLE = new RegExp(VISIBLE_PATTERN, 'u');

export async function receiveInboundMail(db: Db, input: ReceiveInboundMailInput): Promise<InboundMailReceipt> {
  const mail = await parseMail(input.raw);
  const envelopeTo = (input.envelope?.to ?? []).flatMap((address) => normalizeAddress(address) ?? []);
  const dedupeKey = mail.messageId
    ? `mid:${mail.messageId}`
    : `sha256:${createHash('sha256').update(input.raw).digest('hex')}`;

  return inTransaction(db, async (tx) => {
    const inserted = await insertInboundMail(tx, {
      dedupeKey,
      rfcMessageId: mail.messageId,
      channel: input.channel,
      envelopeFrom: input.envelope?.from ?? null,
      envelopeTo,
      kind: mail.kind,
      outcome: 'unmatched',
      fromAddress: mail.from?.address ?? null,
      fromName: mail.from?.name ?? null,
      recipients: mail.recipients,
      subject: mail.subject,
      text: mail.text,
      attachments: mail.attachments,
      raw: input.raw,
    });
    if ('duplicate' in inserted) return receipt(inserted.duplicate, true);

    const stored = inserted.stored;
    const recipients = [...new Set([...envelopeTo, ...mail.recipients])];
    let placement: Placement;
    try {
      // A savepoint: a placement that fails in the domain's words leaves the mail stored, unmatched.
      placement = await inTransaction(tx, (inner) =>
        place(inner, {
          inboundMailId: stored.id,
          dedupeKey,
          mail,
          recipients,
          settings: input.settings,
          outbox: input.outbox,
          routing: input.routing,
        }),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      placement = { outcome: 'unmatched', unmatchedReason: 'not_placed' };
    }
    await updateInboundMail(tx, stored.id, placement);
    return receipt({ ...stored, ...placement }, false);
  });
}

function receipt(row: Pick<InboundMailRow, 'id' | 'outcome' | 'messageId'>, duplicate: boolean): InboundMailReceipt {
  return { id: row.id, outcome: row.outcome, duplicate, messageId: row.messageId ?? null };
}

/** What placing a mail needs to know: the stored row's id and key, what was read, where it was sent. */
interface Arrival {
  inboundMailId: string;
  dedupeKey: string;
  mail: InboundMail;
  /** The envelope's recipients, then the headers' ones. */
  recipients: string[];
  settings: ReceiveInboundMailInput['settings'];
  outbox: Outbox;
  routing: RoutingRules;
}

async function place(tx: Transaction, arrival: Arrival): Promise<Placement> {
  const { inboundMailId, mail, recipients, settings } = arrival;
  const unmatched = (unmatchedReason: UnmatchedReason): Placement => ({ outcome: 'unmatched', unmatchedReason });
  if (mail.kind === 'unparsable') return unmatched('unparsable');
  if (mail.kind === 'bounce') return placeBounce(tx, arrival);

  const replyTokens = recipients.flatMap((address) => addressToken(address, 'reply', settings.replyDomain) ?? []);
  const target = await messageAnswered(tx, replyTokens, mail);
  if (mail.kind === 'auto_reply') {
    // Kept, never reopening anything, never answered: that is how mail loops start.
    return target
      ? { outcome: 'auto_reply', messageId: target.messageId, emailId: target.emailId }
      : unmatched('automatic');
  }
  if (target) {
    const event = await addCustomerMessage(tx, {
      messageId: target.messageId,
      body: mail.text,
      inboundMail: { id: inboundMailId, attachments: mail.attachments },
    });
    return { outcome: 'added', messageId: target.messageId, emailId: target.emailId, eventId: event.id };
  }
  if (replyTokens.length > 0) return unmatched('unknown_token');
  // Our own addresses writing to us would be a loop.
  if (mail.from!.address.toLowerCase().endsWith(`@${settings.replyDomain.toLowerCase()}`))
    return unmatched('automatic');
  const forInbox = recipients.some(
    (address) =>
      isInboundAddress(address, settings.replyDomain, settings.inboxAddress) &&
      !addressToken(address, 'bounce', settings.replyDomain),
  );
  if (!forInbox)
    return mail.inReplyTo || mail.references.length > 0 ? unmatched('unknown_thread') : unmatched('not_for_inbox');
  return placeNewMessage(tx, arrival);
}

/** The message a reply answers: by its reply address first, then by the emails of ours it threads on. */
async function messageAnswered(
  tx: Transaction,
  replyTokens: string[],
  mail: InboundMail,
): Promise<{ messageId: string; emailId: string | null } | undefined> {
  for (const token of replyTokens) {
    const messageId = await findMessageIdByReplyTokenHash(tx, hashReplyToken(token));
    if (messageId) return { messageId, emailId: null };
  }
  // In-Reply-To names the email answered; References, the thread from its root.
  const threadIds = [...new Set([mail.inReplyTo ?? [], mail.references.toReversed()].flat())];
  const found = await findEmailsByRfcMessageIds(tx, threadIds);
  const nearest = threadIds.flatMap((id) => found.find((email) => email.rfcMessageId === id) ?? [])[0];
  return nearest && { messageId: nearest.messageId, emailId: nearest.id };
}

/** A delivery report: the email it is about, by its bounce address first, then by its Message-ID. */
async function placeBounce(
  tx: Transaction,
  { inboundMailId, mail, recipients, settings }: Arrival,
): Promise<Placement> {
  const report = mail.bounce!;
  const { replyDomain } = settings;
  const tokens = [...recipients, ...report.bounceAddresses].flatMap(
    (address) => addressToken(address, 'bounce', replyDomain) ?? [],
  );
  let email: (Pick<EmailRow, 'id' | 'messageId' | 'recipient' | 'recipientUserId'> & Partial<EmailRow>) | undefined;
  for (const token of new Set(tokens)) {
    email = await findEmailByBounceTokenHash(tx, hashBounceToken(token));
    if (email) break;
  }
  if (!email) [email] = await findEmailsByRfcMessageIds(tx, report.originalMessageIds);
  if (!email) return { outcome: 'unmatched', unmatchedReason: 'automatic' };
  // A digest's subscriber whose address bounces gets no more digests; nothing is on a timeline.
  if (email.subscriberId) {
    await markUnsubscribed(tx, email.subscriberId);
    return { outcome: 'bounce', emailId: email.id };
  }
  // A Customer Day reminder names no message either: nothing to stop or to tell.
  const { messageId } = email;
  if (!messageId) return { outcome: 'unmatched', unmatchedReason: 'automatic' };

  await lockedMessage(tx, messageId);
  // Only the customer's address is the message's to stop; a colleague's bounce is reported all the same.
  if (email.recipientUserId === null) await updateMessage(tx, messageId, { customerEmailState: 'bouncing' });
  const event = await recordEvent(tx, {
    messageId,
    type: 'email_bounced',
    body: report.reason,
    data: { inboundMailId, recipient: report.recipient ?? email.recipient },
  });
  return { outcome: 'bounce', messageId, emailId: email.id, eventId: event.id };
}

/** New mail to the company: a new message from its sender, acknowledged like any submission. */
async function placeNewMessage(
  tx: Transaction,
  { mail, dedupeKey, settings, outbox, routing }: Arrival,
): Promise<Placement> {
  const form = await findOrCreateForm(tx, EMAIL_FORM);
  const body = [mail.subject, mail.text]
    .filter((part) => VISIBLE.test(part))
    .join('\n\n')
    .slice(0, LIMITS.body);
  if (!VISIBLE.test(body)) return { outcome: 'unmatched', unmatchedReason: 'not_placed' };
  const outcome = await submitMessage(tx, {
    form,
    submission: {
      body,
      ...(mail.from!.name && { name: mail.from!.name.slice(0, LIMITS.name) }),
      ...(mail.from!.address.length <= LIMITS.email && { email: mail.from!.address }),
    },
    // The same mail twice is one message, even if it got past the Message-ID check.
    idempotencyKey: `inbound-mail:${dedupeKey}`,
    // Quarantined, never dropped, like a form's spam: a person decides.
    channelSignals: mail.spamFlagged ? ['spam_filter'] : [],
    publicUrl: settings.publicUrl,
    outbox,
    routing,
  });
  if (outcome.kind === 'idempotency_mismatch') return { outcome: 'unmatched', unmatchedReason: 'not_placed' };
  return { outcome: 'new_message', messageId: outcome.receipt.id };
}
