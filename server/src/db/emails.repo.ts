// Emails Ecoute writes: the outbox rows, listed with their state, found by what a reply or a delivery
// report names.
import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Locale } from '@ecoute/shared/locale';
import { TIMELINE_EVENTS } from '@ecoute/shared/timeline-events';
import { countHitStatement, type Counter } from './rate-limits.repo.ts';
import type { Db } from './transaction.ts';
import {
  commitments,
  digestSubscribers,
  emails,
  messages,
  timelineEvents,
  users,
  type DigestSubscriberRow,
  type EmailRow,
  type Message,
} from './schema/index.ts';

/**
 * An email as agents and admins list it: its state, never its content; the message it is about, or
 * nulls for one about none (a digest, a Customer Day reminder).
 */
export type EmailSummaryRow = Pick<
  EmailRow,
  'id' | 'kind' | 'recipient' | 'state' | 'attempts' | 'lastError' | 'createdAt' | 'sentAt'
> & { messageId: string | null; reference: string | null };

// Read with a left join on the message, so that the emails about none are listed too.
const SUMMARY = {
  id: emails.id,
  messageId: messages.id,
  reference: messages.reference,
  kind: emails.kind,
  recipient: emails.recipient,
  state: emails.state,
  attempts: emails.attempts,
  lastError: emails.lastError,
  createdAt: emails.createdAt,
  sentAt: emails.sentAt,
};

export async function findEmailSummary(db: Db, id: string): Promise<EmailSummaryRow | undefined> {
  const [row] = await db
    .select(SUMMARY)
    .from(emails)
    .leftJoin(messages, eq(messages.id, emails.messageId))
    .where(eq(emails.id, id));
  return row;
}

/** Every email written about a message, oldest first. */
export async function findMessageEmails(db: Db, messageId: string): Promise<EmailSummaryRow[]> {
  return db
    .select(SUMMARY)
    .from(emails)
    .innerJoin(messages, eq(messages.id, emails.messageId))
    .where(eq(emails.messageId, messageId))
    .orderBy(asc(emails.createdAt), asc(emails.id));
}

/** The email whose envelope sender `bounce+<token>@…` carries this token (by the token's hash). */
export async function findEmailByBounceTokenHash(db: Db, bounceTokenHash: string): Promise<EmailRow | undefined> {
  const [row] = await db.select().from(emails).where(eq(emails.bounceTokenHash, bounceTokenHash)).limit(1);
  return row;
}

/** The emails among these `Message-ID`s (without angle brackets) that Ecoute sent: what a reply threads on. */
export async function findEmailsByRfcMessageIds(
  db: Db,
  rfcMessageIds: string[],
): Promise<Array<Pick<EmailRow, 'id' | 'rfcMessageId' | 'recipient' | 'recipientUserId'> & { messageId: string }>> {
  if (rfcMessageIds.length === 0) return [];
  // Only emails about a message: a reply to a digest, or its bounce, has no message to go on.
  return db
    .select({
      id: emails.id,
      messageId: sql<string>`${emails.messageId}`,
      rfcMessageId: emails.rfcMessageId,
      recipient: emails.recipient,
      recipientUserId: emails.recipientUserId,
    })
    .from(emails)
    .where(and(inArray(emails.rfcMessageId, rfcMessageIds), isNotNull(emails.messageId)));
}

export type NewEmail = Pick<
  EmailRow,
  | 'id'
  | 'messageId'
  | 'kind'
  | 'eventId'
  | 'commitmentId'
  | 'subscriberId'
  | 'aboutDay'
  | 'recipientUserId'
  | 'recipient'
  | 'locale'
  | 'dedupeKey'
  | 'rfcMessageId'
  | 'bounceTokenHash'
  | 'state'
  | 'lastError'
>;

/** An email to store, and what storing it counts and sets beside its row. */
export interface EmailToStore extends NewEmail {
  /**
   * The recipient's budget of automatic emails: counted when the email is stored, and over its `max`
   * the email is stored as suppressed, saying `overBecause`.
   */
  budget?: Counter & { max: number; overBecause: string };
  /** The hash of the reply address's token, set on the message when the email is stored. */
  replyTokenHash?: string;
}

/**
 * The steps of a statement that stores an email (`email`, returning its `state`), counts it on its
 * budget and records its `email` event. `source` names the step that made the message (then the
 * email is stored only if it was), or is undefined for a message that exists.
 */
export function storeEmailSteps(email: EmailToStore, source?: 'message'): SQL {
  const { budget } = email;
  const isNew = source
    ? sql`exists (select 1 from message)`
    : sql`not exists (select 1 from emails where dedupe_key = ${email.dedupeKey})`;
  const over = budget ? sql`coalesce((select hits from budget), 0) > ${budget.max}` : sql`false`;
  return sql`${budget ? sql`budget as (${countHitStatement(budget, isNew)}),` : sql``}
    email as (
      insert into emails (id, message_id, kind, event_id, commitment_id, subscriber_id, about_day, recipient_user_id,
                          recipient, locale, dedupe_key, rfc_message_id, bounce_token_hash, state, last_error)
      select ${email.id}, ${email.messageId}, ${email.kind}, ${email.eventId}, ${email.commitmentId},
             ${email.subscriberId}, ${email.aboutDay}::date, ${email.recipientUserId}, ${email.recipient},
             ${email.locale}, ${email.dedupeKey}, ${email.rfcMessageId},
             ${email.bounceTokenHash},
             case when ${over} then 'suppressed' else ${email.state} end,
             case when ${over} then ${budget?.overBecause ?? null} else ${email.lastError} end
      ${source ? sql`from message` : sql``}
      on conflict (dedupe_key) do nothing
      returning id, message_id, kind, recipient, state, last_error
    ),
    email_event as (
      insert into timeline_events (message_id, type, visibility, data, created_at)
      select message_id, 'email', ${TIMELINE_EVENTS.email.visibility},
             jsonb_build_object('emailId', id, 'kind', kind, 'recipient', recipient, 'state', state,
                                'reason', last_error),
             clock_timestamp()
      from email where message_id is not null
    )${
      email.replyTokenHash && email.messageId && !source
        ? sql`,
    reply_token as (
      update messages set reply_token_hash = ${email.replyTokenHash}, updated_at = now()
      where id = ${email.messageId} and exists (select 1 from email)
    )`
        : sql``
    }`;
}

/**
 * Stores an email unless one with its dedupe key exists, in one statement (its budget counted, its
 * event recorded): the state it was stored in, or undefined when it already was.
 */
export async function insertEmail(db: Db, email: EmailToStore): Promise<EmailRow['state'] | undefined> {
  const { rows } = await db.execute<{ state: EmailRow['state'] }>(
    sql`with ${storeEmailSteps(email)} select state from email`,
  );
  return rows[0]?.state;
}

export interface EmailChange {
  state: EmailRow['state'];
  lastError?: string | null;
  /** One more try was made. */
  attempted?: true;
  /** A person asked for another try: the count starts again. */
  resetAttempts?: true;
}

export async function updateEmail(db: Db, id: string, change: EmailChange): Promise<void> {
  await db
    .update(emails)
    .set({
      state: change.state,
      ...(change.lastError !== undefined && { lastError: change.lastError }),
      ...(change.attempted && { attempts: sql`${emails.attempts} + 1` }),
      ...(change.resetAttempts && { attempts: 0 }),
      updatedAt: sql`now()`,
    })
    .where(eq(emails.id, id));
}

export async function lockEmail(db: Db, id: string): Promise<EmailRow | undefined> {
  const [row] = await db.select().from(emails).where(eq(emails.id, id)).for('update');
  return row;
}

/** Everything an email's words and headers are made of, read when it is sent. */
export interface EmailToSend {
  email: EmailRow;
  /** Null for an email about no message (a digest, a Customer Day reminder). */
  message: MessageOfEmail | null;
  /** The digest's subscriber, for a digest. */
  subscriber: DigestSubscriberRow | null;
  /** The language the user it is sent to chose; null for a customer, or a user who has not chosen. */
  recipientLocale: Locale | null;
  event: { body: string | null } | undefined;
  commitment: { description: string; dueOn: string; outcome: string | null } | undefined;
  /** The commitments a reply made. */
  replyCommitments: Array<{ description: string; dueOn: string }>;
  /** The `Message-ID` of the message's first email to the customer: the thread's root. */
  threadRoot: string | undefined;
}

export type MessageOfEmail = Pick<
  Message,
  'reference' | 'locale' | 'customerName' | 'customerEmail' | 'customerEmailState' | 'trackingTokenSealed' | 'body'
> & { waitingSince: Date };

export async function findEmailToSend(db: Db, id: string): Promise<EmailToSend | undefined> {
  const [row] = await db
    .select({
      email: emails,
      message: {
        reference: messages.reference,
        locale: messages.locale,
        customerName: messages.customerName,
        customerEmail: messages.customerEmail,
        customerEmailState: messages.customerEmailState,
        trackingTokenSealed: messages.trackingTokenSealed,
        body: messages.body,
        waitingSince: messages.waitingSince,
      },
      subscriber: digestSubscribers,
      recipientLocale: users.locale,
      threadRoot: sql<string | null>`(
        select root.rfc_message_id from ${emails} root
        where root.message_id = ${emails.messageId} and root.recipient_user_id is null
        order by root.created_at, root.id limit 1)`,
    })
    .from(emails)
    .leftJoin(messages, eq(messages.id, emails.messageId))
    .leftJoin(digestSubscribers, eq(digestSubscribers.id, emails.subscriberId))
    .leftJoin(users, eq(users.id, emails.recipientUserId))
    .where(eq(emails.id, id));
  if (!row) return undefined;
  const { email } = row;
  const [event, commitment, replyCommitments] = await Promise.all([
    // An acknowledgement is sent with the message, before its event has an id to point at.
    email.eventId || email.kind === 'acknowledgement'
      ? db
          .select({ body: timelineEvents.body })
          .from(timelineEvents)
          .where(
            email.eventId
              ? eq(timelineEvents.id, email.eventId)
              : and(eq(timelineEvents.messageId, email.messageId!), eq(timelineEvents.type, 'acknowledged')),
          )
          .limit(1)
          .then((rows) => rows[0])
      : undefined,
    email.commitmentId
      ? db
          .select({ description: commitments.description, dueOn: commitments.dueOn, outcome: commitments.outcome })
          .from(commitments)
          .where(eq(commitments.id, email.commitmentId))
          .then((rows) => rows[0])
      : undefined,
    email.kind === 'reply' && email.eventId
      ? db
          .select({ description: commitments.description, dueOn: commitments.dueOn })
          .from(commitments)
          .where(eq(commitments.replyEventId, email.eventId))
          .orderBy(asc(commitments.dueOn))
      : [],
  ]);
  return {
    email,
    message: row.message,
    subscriber: row.subscriber,
    recipientLocale: row.recipientLocale,
    event,
    commitment,
    replyCommitments,
    threadRoot: row.threadRoot ?? undefined,
  };
}

/** Emails kept while no mail server was set: sent once one is. */
export async function findHeldEmailIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: emails.id }).from(emails).where(eq(emails.state, 'held'));
  return rows.map((row) => row.id);
}

/**
 * Records that the mail server took an email, with its timeline event, in one statement: the moment
 * between the mail server's answer and this record is all a process dying can lose, so it is as short
 * as one round trip. False when the email was no longer waiting to be sent (another run recorded it).
 */
export async function recordEmailSent(db: Db, id: string): Promise<boolean> {
  const { rows } = await db.execute(sql`
    with sent as (
      update ${emails} set state = 'sent', sent_at = now(), attempts = attempts + 1, last_error = null,
                           updated_at = now()
      where id = ${id} and state in ('queued', 'retrying')
      returning id, message_id, kind, recipient
    )
    , sent_event as (
      insert into ${timelineEvents} (message_id, type, visibility, data, created_at)
      select message_id, 'email', ${TIMELINE_EVENTS.email.visibility},
             jsonb_build_object('emailId', id, 'kind', kind, 'recipient', recipient, 'state', 'sent', 'reason', null),
             clock_timestamp()
      from sent where message_id is not null
    )
    select id from sent`);
  return rows.length === 1;
}

/** Outbox rows, newest first, from after a position (created_at as PostgreSQL writes it, id). */
export async function listEmails(
  db: Db,
  states: EmailRow['state'][],
  after: [string, string] | undefined,
  limit: number,
): Promise<Array<EmailSummaryRow & { sortKey: string }>> {
  return db
    .select({ ...SUMMARY, sortKey: sql<string>`${emails.createdAt}::text` })
    .from(emails)
    .leftJoin(messages, eq(messages.id, emails.messageId))
    .where(
      and(
        inArray(emails.state, states),
        after ? sql`(${emails.createdAt}, ${emails.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(limit);
}
