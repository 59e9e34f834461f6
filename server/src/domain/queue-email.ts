// An email to write, stored with the event that causes it, in the caller's transaction: its outbox
// row (its stable Message-ID and bounce token made here) with its `email` timeline event in one
// statement, and the job that will send it. The same email asked for twice (a job run again, a check
// every few minutes) is one row, by its dedupe key. An email that must not go (the customer turned
// emails off, the address bounces, the address had its hour's automatic emails) is stored as
// suppressed, with why, and no job; without a mail server, it is stored as held, and no job either.
import { randomUUID } from 'node:crypto';
import type { CustomerEmailState, EmailKind } from '@ecoute/shared/statuses';
import type { Locale } from '@ecoute/shared/locale';
import { insertEmail, type EmailToStore } from '../db/emails.repo.ts';
import type { EmailRow } from '../db/schema/index.ts';
import type { Db } from '../db/transaction.ts';
import type { Jobs } from '../jobs/catalog.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { derivedToken, hashBounceToken, hashReplyToken } from '../security/secrets.ts';

/** What writing an email needs beyond the database: the job queue and what tokens are made of. */
export interface Outbox {
  jobs: Pick<JobQueue<Jobs>, 'send'>;
  secret: string;
  replyDomain: string;
  /** At most this many automatic emails to one address per hour: a form cannot be used to flood one. */
  perRecipientPerHour: number;
  /** Why emails are held rather than sent, when they are (no mail server is set). */
  heldBecause?: string | undefined;
}

export interface EmailRequest {
  /** The message it is about; absent for a digest or a Customer Day reminder. */
  messageId?: string;
  /** A digest's subscriber. */
  subscriberId?: string;
  /** The day it tells about when no message says it: a digest's week (its Monday), a Customer Day. */
  aboutDay?: string;
  kind: EmailKind;
  locale: Locale;
  recipient: string;
  /** The team member it is for; absent for the customer. */
  recipientUserId?: string;
  eventId?: string;
  commitmentId?: string;
  dedupeKey: string;
  /** Why it must not be sent, if it must not: it is then stored as suppressed. */
  suppressedBecause?: string | undefined;
}

const HOUR_MS = 3_600_000;

/** The row of an email to store, with its tokens, its budget and its first state. */
export function emailToStore(outbox: Outbox, request: EmailRequest): EmailToStore {
  const id = randomUUID();
  const { suppressedBecause } = request;
  const { heldBecause } = outbox;
  const { messageId } = request;
  const toCustomer = !request.recipientUserId && messageId !== undefined;
  return {
    id,
    messageId: messageId ?? null,
    kind: request.kind,
    eventId: request.eventId ?? null,
    commitmentId: request.commitmentId ?? null,
    subscriberId: request.subscriberId ?? null,
    aboutDay: request.aboutDay ?? null,
    recipientUserId: request.recipientUserId ?? null,
    recipient: request.recipient,
    locale: request.locale,
    dedupeKey: request.dedupeKey,
    rfcMessageId: `${id}@${outbox.replyDomain}`,
    bounceTokenHash: hashBounceToken(derivedToken(outbox.secret, 'bounce', id)),
    state: suppressedBecause ? 'suppressed' : heldBecause ? 'held' : 'queued',
    lastError: suppressedBecause ?? heldBecause ?? null,
    // A reply is written by a person: only automatic emails count against the address's hour.
    ...(request.kind !== 'reply' &&
      !suppressedBecause && {
        budget: {
          budget: 'automatic-emails-per-recipient',
          key: request.recipient.toLowerCase(),
          windowMs: HOUR_MS,
          max: outbox.perRecipientPerHour,
          overBecause: `${outbox.perRecipientPerHour} automatic emails went to this address in the last hour already`,
        },
      }),
    // The customer may answer: their reply address leads back to this message.
    ...(toCustomer && { replyTokenHash: hashReplyToken(derivedToken(outbox.secret, 'reply', messageId)) }),
  };
}

/** Its job, once an email is stored to be sent: in the transaction that stored it. */
export async function sendStoredEmail(
  tx: Db,
  outbox: Outbox,
  email: EmailToStore,
  state: EmailRow['state'] | undefined,
): Promise<void> {
  if (state === 'queued') await outbox.jobs.send(tx, 'email.send', { emailId: email.id }, { id: randomUUID() });
}

async function storeEmail(tx: Db, outbox: Outbox, email: EmailToStore): Promise<void> {
  await sendStoredEmail(tx, outbox, email, await insertEmail(tx, email));
}

export async function queueEmail(tx: Db, outbox: Outbox, request: EmailRequest): Promise<void> {
  await storeEmail(tx, outbox, emailToStore(outbox, request));
}

interface CustomerOfMessage {
  id: string;
  locale: Locale;
  customerEmail: string;
  customerEmailState: CustomerEmailState;
}

interface CustomerEmail {
  kind: 'acknowledgement' | 'reply' | 'commitment_kept' | 'commitment_dropped';
  eventId?: string;
  commitmentId?: string;
}

/** An email to the message's customer (suppressed if they want no emails). */
export function customerEmailToStore(outbox: Outbox, message: CustomerOfMessage, email: CustomerEmail): EmailToStore {
  return emailToStore(outbox, {
    ...email,
    messageId: message.id,
    locale: message.locale,
    recipient: message.customerEmail,
    dedupeKey: `${email.kind}:${email.eventId ?? email.commitmentId ?? message.id}`,
    suppressedBecause: customerSuppression(message.customerEmailState),
  });
}

/** Writes to the message's customer, if they left an address. */
export async function emailTheCustomer(
  tx: Db,
  outbox: Outbox,
  message: Omit<CustomerOfMessage, 'customerEmail'> & { customerEmail: string | null },
  email: CustomerEmail,
): Promise<void> {
  const { customerEmail } = message;
  if (!customerEmail) return;
  await storeEmail(tx, outbox, customerEmailToStore(outbox, { ...message, customerEmail }, email));
}

/** Why the customer of a message in this state gets no email; undefined when they do. */
export function customerSuppression(state: CustomerEmailState): string | undefined {
  if (state === 'off') return 'the customer turned emails off for this message';
  if (state === 'bouncing') return 'the customer’s address bounces';
  return undefined;
}
