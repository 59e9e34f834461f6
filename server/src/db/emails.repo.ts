// Emails Ecoute writes: the outbox rows, listed with their state, found by what a reply or a delivery
// report names.
import { and, asc, count, desc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import { TIMELINE_EVENTS } from '@ecoute/shared/timeline-events';
import type { Db } from './transaction.ts';
import { commitments, emails, messages, timelineEvents, type EmailRow, type Message } from './schema/index.ts';

/** An email as agents and admins list it: its state, never its content. */
export type EmailSummaryRow = Pick<
  EmailRow,
  'id' | 'messageId' | 'kind' | 'recipient' | 'state' | 'attempts' | 'lastError' | 'createdAt' | 'sentAt'
> & { reference: string };

const SUMMARY = {
  id: emails.id,
  messageId: emails.messageId,
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
    .innerJoin(messages, eq(messages.id, emails.messageId))
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
): Promise<Array<Pick<EmailRow, 'id' | 'messageId' | 'rfcMessageId'>>> {
  if (rfcMessageIds.length === 0) return [];
  return db
    .select({ id: emails.id, messageId: emails.messageId, rfcMessageId: emails.rfcMessageId })
    .from(emails)
    .where(inArray(emails.rfcMessageId, rfcMessageIds));
}

export type NewEmail = Pick<
  EmailRow,
  | 'id'
  | 'messageId'
  | 'kind'
  | 'eventId'
  | 'commitmentId'
  | 'recipientUserId'
  | 'recipient'
  | 'locale'
  | 'dedupeKey'
  | 'rfcMessageId'
  | 'bounceTokenHash'
  | 'state'
  | 'lastError'
>;

/** Stores an email unless one with its dedupe key exists: true when this call stored it. */
export async function insertEmail(db: Db, email: NewEmail): Promise<boolean> {
  const rows = await db
    .insert(emails)
    .values(email)
    .onConflictDoNothing({ target: emails.dedupeKey })
    .returning({ id: emails.id });
  return rows.length === 1;
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
  message: Pick<
    Message,
    'reference' | 'locale' | 'customerName' | 'customerEmail' | 'customerEmailState' | 'trackingTokenSealed' | 'body'
  > & { waitingSince: Date };
  event: { body: string | null } | undefined;
  commitment: { description: string; dueOn: string; outcome: string | null } | undefined;
  /** The commitments a reply made. */
  replyCommitments: Array<{ description: string; dueOn: string }>;
  /** The `Message-ID` of the message's first email to the customer: the thread's root. */
  threadRoot: string | undefined;
}

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
    })
    .from(emails)
    .innerJoin(messages, eq(messages.id, emails.messageId))
    .where(eq(emails.id, id));
  if (!row) return undefined;
  const { email } = row;
  const [event, commitment, replyCommitments, root] = await Promise.all([
    email.eventId
      ? db
          .select({ body: timelineEvents.body })
          .from(timelineEvents)
          .where(eq(timelineEvents.id, email.eventId))
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
    db
      .select({ rfcMessageId: emails.rfcMessageId })
      .from(emails)
      .where(and(eq(emails.messageId, email.messageId), isNull(emails.recipientUserId)))
      .orderBy(asc(emails.createdAt))
      .limit(1),
  ]);
  return { email, message: row.message, event, commitment, replyCommitments, threadRoot: root[0]?.rfcMessageId };
}

/**
 * How many automatic emails (replies written by a person do not count) were queued to this address
 * since `since` and not suppressed. It first takes a lock on the address for the rest of the caller's
 * transaction, so that two emails queued at once to one address are counted one after the other.
 */
export async function countAutomaticEmailsTo(db: Db, recipient: string, since: Date): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(lower(${recipient}), 0))`);
  const [row] = await db
    .select({ n: count() })
    .from(emails)
    .where(
      and(
        sql`lower(${emails.recipient}) = lower(${recipient})`,
        gt(emails.createdAt, since),
        ne(emails.kind, 'reply'),
        ne(emails.state, 'suppressed'),
      ),
    );
  return row?.n ?? 0;
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
    insert into ${timelineEvents} (message_id, type, visibility, data, created_at)
    select message_id, 'email', ${TIMELINE_EVENTS.email.visibility},
           jsonb_build_object('emailId', id, 'kind', kind, 'recipient', recipient, 'state', 'sent', 'reason', null),
           clock_timestamp()
    from sent
    returning id`);
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
    .innerJoin(messages, eq(messages.id, emails.messageId))
    .where(
      and(
        inArray(emails.state, states),
        after ? sql`(${emails.createdAt}, ${emails.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(limit);
}
