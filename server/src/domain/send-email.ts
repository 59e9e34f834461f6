// Sends one email of the outbox (the `email.send` job): composes it from what is stored now, hands it
// to the mail server, and records what happened on the email and on the message's timeline. Nothing
// is held open while the mail server answers (on PGlite a transaction would stop everything else).
// A job that runs again after its send was recorded sends nothing; a process that dies between the
// mail server's answer and the record sends it again, with the same Message-ID, which receiving
// servers and clients take as the same email. A digest or a Customer Day reminder is about no message:
// its words are made of the week's numbers or the day's link, and it has no timeline to record on.
import { randomUUID } from 'node:crypto';
import type { EmailState } from '@ecoute/shared/statuses';
import { findEmailToSend, lockEmail, recordEmailSent, updateEmail, type EmailToSend } from '../db/emails.repo.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import {
  composeCustomerDayReminder,
  composeCustomerEmail,
  composeDigestEmail,
  composeTeamEmail,
  type ComposedEmail,
} from '../mail/outbound/compose.ts';
import type { EmailTransport, OutgoingEmail, SendFailure } from '../mail/outbound/transport.ts';
import { derivedToken, openToken } from '../security/secrets.ts';
import { unsubscribeToken } from './digest-subscribers.ts';
import { customerSuppression, type Outbox } from './queue-email.ts';
import { weeklyDigest } from './send-digests.ts';

export interface Sender {
  /** Undefined when no mail server is set (SMTP_URL): emails are then held. */
  transport: EmailTransport | undefined;
  outbox: Outbox;
  from: string;
  publicUrl: string;
  /** The longest wait between two tries when the mail server cannot be reached. */
  retryMaxMs: number;
}

/** Why an email waits, when no mail server is set. */
export const NO_MAIL_SERVER = 'not sent: no mail server is set (SMTP_URL)';

/** A 4xx is tried this many times, then the email has failed. */
const TEMPORARY_ATTEMPTS = 8;
const FIRST_RETRY_MS = 5_000;

export async function sendEmail(db: Db, sender: Sender, emailId: string): Promise<void> {
  const found = await findEmailToSend(db, emailId);
  if (!found || (found.email.state !== 'queued' && found.email.state !== 'retrying')) return;
  const { email } = found;
  if (!sender.transport) {
    return record(db, sender, found, 'held', NO_MAIL_SERVER);
  }
  const suppressed = suppression(found);
  if (suppressed) return record(db, sender, found, 'suppressed', suppressed);

  const result = await sender.transport.send(await outgoing(db, sender, found));
  if (result.ok) {
    await recordEmailSent(db, email.id);
    return;
  }
  const attempts = email.attempts + 1;
  const { failure } = result;
  if (failure.kind === 'permanent' || (failure.kind === 'temporary' && attempts >= TEMPORARY_ATTEMPTS)) {
    return record(db, sender, found, 'failed', failure.reason);
  }
  return record(db, sender, found, 'retrying', failure.reason, retryDelay(sender, failure, attempts));
}

/** Why this email must not go now (the customer or subscriber changed their mind since it was queued), or undefined. */
function suppression({ email, message, subscriber }: EmailToSend): string | undefined {
  if (email.kind === 'digest') return subscriber?.unsubscribedAt ? 'the subscriber unsubscribed' : undefined;
  return email.recipientUserId || !message ? undefined : customerSuppression(message.customerEmailState);
}

function retryDelay(sender: Sender, failure: SendFailure, attempts: number): number {
  const delay = FIRST_RETRY_MS * 2 ** (attempts - 1);
  return failure.kind === 'unreachable' ? Math.min(delay, sender.retryMaxMs) : Math.min(delay, 3_600_000);
}

/** The new state on the email and, when it changed or says something new, on the timeline. */
async function record(
  db: Db,
  sender: Sender,
  { email }: EmailToSend,
  state: Exclude<EmailState, 'sent' | 'queued'>,
  reason: string | null,
  retryInMs?: number,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const current = await lockEmail(tx, email.id);
    // Another run of this job got there first.
    if (!current || current.state !== email.state || current.attempts !== email.attempts) return;
    await updateEmail(tx, email.id, {
      state,
      lastError: reason,
      ...((state === 'retrying' || state === 'failed') && { attempted: true }),
    });
    if (email.messageId && (state !== current.state || reason !== current.lastError)) {
      await recordEvent(tx, {
        messageId: email.messageId,
        type: 'email',
        body: null,
        data: { emailId: email.id, kind: email.kind, recipient: email.recipient, state, reason },
      });
    }
    if (retryInMs !== undefined) {
      await sender.outbox.jobs.send(
        tx,
        'email.send',
        { emailId: email.id },
        { id: randomUUID(), startAfter: new Date(Date.now() + retryInMs) },
      );
    }
  });
}

async function outgoing(db: Db, sender: Sender, found: EmailToSend): Promise<OutgoingEmail> {
  const { email, subscriber } = found;
  const { secret, replyDomain } = sender.outbox;
  const automatic = email.kind !== 'reply';
  const toCustomer = !email.recipientUserId && found.message !== null;
  const trackingUrl =
    toCustomer && found.message?.trackingTokenSealed
      ? `${sender.publicUrl}/t/${openToken(found.message.trackingTokenSealed, secret)}`
      : null;
  // The customer's link stops emails about their message; a subscriber's, the digest.
  const stopUrl = trackingUrl
    ? `${trackingUrl}/emails/off`
    : subscriber
      ? `${sender.publicUrl}/digests/unsubscribe/${unsubscribeToken(secret, subscriber.id)}`
      : null;
  const composed = await compose(db, sender, found, trackingUrl, stopUrl);
  const threaded = toCustomer && found.threadRoot && found.threadRoot !== email.rfcMessageId;
  return {
    envelope: { from: `bounce+${derivedToken(secret, 'bounce', email.id)}@${replyDomain}`, to: email.recipient },
    from: sender.from,
    to: email.recipient,
    replyTo: toCustomer ? `reply+${derivedToken(secret, 'reply', email.messageId!)}@${replyDomain}` : undefined,
    ...composed,
    messageId: email.rfcMessageId,
    inReplyTo: threaded ? found.threadRoot : undefined,
    references: threaded ? [found.threadRoot!] : undefined,
    headers: {
      ...(automatic && { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' }),
      ...(stopUrl && { 'List-Unsubscribe': `<${stopUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
    },
  };
}

async function compose(
  db: Db,
  sender: Sender,
  found: EmailToSend,
  trackingUrl: string | null,
  stopUrl: string | null,
): Promise<ComposedEmail> {
  const { email, event, commitment, subscriber } = found;
  switch (email.kind) {
    case 'digest':
      if (!subscriber || !email.aboutDay || !stopUrl) throw new Error(`The digest ${email.id} names no subscriber`);
      return composeDigestEmail({
        locale: email.locale,
        ...(await weeklyDigest(db, subscriber, email.aboutDay)),
        unsubscribeUrl: stopUrl,
      });
    case 'customer_day_reminder':
      if (!email.aboutDay) throw new Error(`The reminder ${email.id} names no Customer Day`);
      return composeCustomerDayReminder({
        locale: found.recipientLocale,
        customerDay: email.aboutDay,
        reportUrl: `${sender.publicUrl}/customer-days/${email.aboutDay}`,
      });
  }
  const { message } = found;
  if (!message) throw new Error(`The email ${email.id} (${email.kind}) names no message`);
  const about = { locale: email.locale, reference: message.reference };
  const customer = { ...about, customerName: message.customerName, trackingUrl, stopUrl };
  const team = {
    ...about,
    messageUrl: `${sender.publicUrl}/messages/${email.messageId!}`,
    excerpt: message.body.slice(0, 500),
  };
  switch (email.kind) {
    case 'acknowledgement':
      return composeCustomerEmail({
        ...customer,
        kind: email.kind,
        customerWords: message.body,
        formText: event?.body ?? null,
      });
    case 'reply':
      return composeCustomerEmail({
        ...customer,
        kind: email.kind,
        words: event?.body ?? '',
        commitments: found.replyCommitments,
      });
    case 'commitment_kept':
    case 'commitment_dropped':
      return composeCustomerEmail({
        ...customer,
        kind: email.kind,
        commitment: commitment?.description ?? '',
        words: commitment?.outcome ?? '',
      });
    case 'commitment_due':
    case 'commitment_overdue':
      return composeTeamEmail({
        ...team,
        kind: email.kind,
        commitment: commitment?.description ?? '',
        dueOn: commitment?.dueOn ?? '',
      });
    case 'unanswered':
      return composeTeamEmail({ ...team, kind: email.kind, waitingSince: message.waitingSince });
  }
}
