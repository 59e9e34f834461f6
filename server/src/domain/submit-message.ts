// A customer writes to a form (the widget, the hosted form, the API): the message is stored durably
// with its acknowledgement before anything is answered, exactly once per idempotency key, and
// quarantined (never dropped) when it looks like spam. A customer who left an address is also
// acknowledged by email: the email is stored with the message, its job in the same transaction. The
// routing rules place it (team, tags, assignee) in that same statement (route-message.ts).
import { randomUUID } from 'node:crypto';
import { acknowledgementText } from '@ecoute/shared/acknowledgement';
import type { Submission, SubmissionReceipt } from '@ecoute/shared/contract';
import { VISIBLE_PATTERN } from '@ecoute/shared/limits';
import { messageLocale } from '@ecoute/shared/locale';
import { spamSignals, type SpamSignal } from '@ecoute/shared/spam';
import { createMessage, findIdempotentSubmission, type StoredMessage } from '../db/messages.repo.ts';
import type { Form } from '../db/schema/index.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { idempotencyClaim } from '../security/idempotency-key.ts';
import { hashTrackingToken, newSecret, openToken, sealToken } from '../security/secrets.ts';
import { customerEmailToStore, sendStoredEmail, type Outbox } from './queue-email.ts';
import { routeNewMessage, type RoutingRules } from './route-message.ts';

export interface SubmitInput {
  form: Form;
  submission: Submission;
  idempotencyKey?: string | undefined;
  publicUrl: string;
  /** What the channel itself knows (a mail server's spam filter), besides the form's own signals. */
  channelSignals?: SpamSignal[];
  outbox: Outbox;
  routing: RoutingRules;
}

export type SubmitOutcome =
  | { kind: 'created' | 'replayed'; receipt: SubmissionReceipt; trackingToken: string }
  | { kind: 'idempotency_mismatch' };

const VISIBLE = new RegExp(VISIBLE_PATTERN, 'u');

export async function submitMessage(db: Db, input: SubmitInput): Promise<SubmitOutcome> {
  const { form, idempotencyKey } = input;
  const submission = {
    ...input.submission,
    // A name is one line, written into greetings: one with nothing visible is no name.
    name: VISIBLE.test(input.submission.name ?? '') ? input.submission.name!.replace(/\s+/g, ' ').trim() : undefined,
  };
  const claim =
    idempotencyKey === undefined
      ? undefined
      : idempotencyClaim(idempotencyKey, [
          submission.body,
          submission.name,
          submission.email,
          submission.locale,
          submission.pageUrl,
        ]);

  const replay = async () => {
    const previous = await findIdempotentSubmission(db, form.id, claim!.keyHash);
    if (!previous) return undefined;
    if (previous.fingerprint !== claim!.fingerprint) return { kind: 'idempotency_mismatch' } as const;
    const token = openToken(previous.sealedTrackingToken, idempotencyKey!);
    return { kind: 'replayed', ...receiptFor(previous, token, input.publicUrl) } as const;
  };

  const signals = [
    ...spamSignals({ honeypot: submission.website, fillMs: submission.fillMs }),
    ...(input.channelSignals ?? []),
  ];
  const token = newSecret();
  const message = {
    id: randomUUID(),
    formId: form.id,
    trackingTokenHash: hashTrackingToken(token),
    // Emails carry the tracking link: it is kept sealed with the server's secret.
    trackingTokenSealed: sealToken(token, input.outbox.secret),
    body: submission.body,
    customerName: submission.name ?? null,
    customerEmail: submission.email ?? null,
    locale: messageLocale(submission.locale, submission.body, form.defaultLocale),
    pageUrl: submission.pageUrl ?? null,
    status: signals.length > 0 ? ('spam' as const) : ('unanswered' as const),
    spamSignals: signals,
  };
  // The form's words as they are now: a later change of the form does not rewrite what was said.
  const acknowledgement = form.acknowledgements[message.locale] ?? null;
  const idempotency = claim ? { ...claim, sealedTrackingToken: sealToken(token, idempotencyKey!) } : undefined;
  // A customer who left an address is acknowledged by email too (not in quarantine, where a person
  // decides first). The email is stored by the message's own statement; its job, when it is to be
  // sent now, joins them in a transaction.
  const email =
    message.customerEmail && message.status !== 'spam'
      ? customerEmailToStore(
          input.outbox,
          { ...message, customerEmail: message.customerEmail, customerEmailState: 'on' },
          { kind: 'acknowledgement' },
        )
      : undefined;
  // Quarantine is nobody's queue: a person looks first, then routes by hand.
  const routing = message.status === 'spam' ? undefined : await routeNewMessage(db, input.routing, message);
  const stored =
    email && !input.outbox.heldBecause
      ? await inTransaction(db, async (tx) => {
          const created = await createMessage(tx, { ...message, acknowledgement }, idempotency, email, routing);
          if (created !== 'duplicate') await sendStoredEmail(tx, input.outbox, email, created.emailState);
          return created;
        })
      : await createMessage(db, { ...message, acknowledgement }, idempotency, email, routing);
  if (stored === 'duplicate') {
    // A retry (perhaps concurrent) with the same key got there first: answer with its message.
    const previous = await replay();
    if (!previous) throw new Error('Idempotency key conflict without a stored submission');
    return previous;
  }
  return { kind: 'created', ...receiptFor(stored, token, input.publicUrl) };
}

function receiptFor(message: StoredMessage, token: string, publicUrl: string) {
  const trackingUrl = `${publicUrl}/t/${token}`;
  return {
    trackingToken: token,
    receipt: {
      id: message.id,
      reference: message.reference,
      trackingUrl,
      acknowledgement: {
        text: acknowledgementText({
          locale: message.locale,
          reference: message.reference,
          name: message.customerName,
          trackingUrl,
          formText: message.acknowledgement,
        }),
        at: message.acknowledgedAt.toISOString(),
      },
    },
  };
}
