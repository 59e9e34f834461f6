// An email to write, stored with the event that causes it, in the caller's transaction: its outbox
// row (its stable Message-ID and bounce token made here), its `email` timeline event, and the job that
// will send it. The same email asked for twice (a job run again, a check every few minutes) is one row,
// by its dedupe key. An email that must not go (the customer turned emails off, the address bounces)
// is stored as suppressed, with why, and no job.
import { randomUUID } from 'node:crypto';
import type { CustomerEmailState, EmailKind } from '@ecoute/shared/statuses';
import type { Locale } from '@ecoute/shared/locale';
import { countAutomaticEmailsTo, insertEmail } from '../db/emails.repo.ts';
import { updateMessage } from '../db/messages.repo.ts';
import { recordEvent } from '../db/timeline.repo.ts';
import type { Transaction } from '../db/transaction.ts';
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
}

export interface EmailRequest {
  messageId: string;
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

export async function queueEmail(tx: Transaction, outbox: Outbox, request: EmailRequest): Promise<void> {
  const id = randomUUID();
  const suppressedBecause = request.suppressedBecause ?? (await overLimit(tx, outbox, request));
  const state = suppressedBecause ? 'suppressed' : 'queued';
  const stored = await insertEmail(tx, {
    id,
    messageId: request.messageId,
    kind: request.kind,
    eventId: request.eventId ?? null,
    commitmentId: request.commitmentId ?? null,
    recipientUserId: request.recipientUserId ?? null,
    recipient: request.recipient,
    locale: request.locale,
    dedupeKey: request.dedupeKey,
    rfcMessageId: `${id}@${outbox.replyDomain}`,
    bounceTokenHash: hashBounceToken(derivedToken(outbox.secret, 'bounce', id)),
    state,
    lastError: suppressedBecause ?? null,
  });
  if (!stored) return;
  if (!request.recipientUserId) {
    // The customer may answer: their reply address leads back to this message.
    await updateMessage(tx, request.messageId, {
      replyTokenHash: hashReplyToken(derivedToken(outbox.secret, 'reply', request.messageId)),
    });
  }
  await recordEvent(tx, {
    messageId: request.messageId,
    type: 'email',
    body: null,
    data: {
      emailId: id,
      kind: request.kind,
      recipient: request.recipient,
      state,
      reason: request.suppressedBecause ?? null,
    },
  });
  if (state === 'queued') await outbox.jobs.send(tx, 'email.send', { emailId: id }, { id: randomUUID() });
}

async function overLimit(tx: Transaction, outbox: Outbox, request: EmailRequest): Promise<string | undefined> {
  if (request.kind === 'reply') return undefined; // written by a person, not automatic
  const lastHour = await countAutomaticEmailsTo(tx, request.recipient, new Date(Date.now() - 3_600_000));
  if (lastHour < outbox.perRecipientPerHour) return undefined;
  return `${outbox.perRecipientPerHour} automatic emails went to this address in the last hour already`;
}

/** Writes to the message's customer, if they left an address (suppressed if they want no emails). */
export async function emailTheCustomer(
  tx: Transaction,
  outbox: Outbox,
  message: { id: string; locale: Locale; customerEmail: string | null; customerEmailState: CustomerEmailState },
  email: {
    kind: 'acknowledgement' | 'reply' | 'commitment_kept' | 'commitment_dropped';
    eventId?: string;
    commitmentId?: string;
  },
): Promise<void> {
  if (!message.customerEmail) return;
  await queueEmail(tx, outbox, {
    ...email,
    messageId: message.id,
    locale: message.locale,
    recipient: message.customerEmail,
    dedupeKey: `${email.kind}:${email.eventId ?? email.commitmentId ?? message.id}`,
    suppressedBecause: customerSuppression(message.customerEmailState),
  });
}

/** Why the customer of a message in this state gets no email; undefined when they do. */
export function customerSuppression(state: CustomerEmailState): string | undefined {
  if (state === 'off') return 'the customer turned emails off for this message';
  if (state === 'bouncing') return 'the customer’s address bounces';
  return undefined;
}
