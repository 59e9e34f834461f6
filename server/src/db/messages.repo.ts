// Messages: stored with their acknowledgement, found by tracking token, locked and changed by the
// domain's actions.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { newReference } from './reference.ts';
import { TIMELINE_EVENTS, type TimelineEventData } from '@ecoute/shared/timeline-events';
import { storeEmailSteps, type EmailToStore } from './emails.repo.ts';
import { roundRobinStep } from './teams.repo.ts';
import { executePrepared, inTransaction, isTransaction, type Db } from './transaction.ts';
import {
  commitments,
  forms,
  idempotencyKeys,
  messages,
  timelineEvents,
  type EmailRow,
  type Message,
} from './schema/index.ts';

export type NewMessage = Omit<typeof messages.$inferInsert, 'id' | 'reference' | 'createdAt' | 'updatedAt'> & {
  id: string;
  /** The form's own acknowledgement words in the message's language, kept on the acknowledged event. */
  acknowledgement?: string | null;
};

export interface IdempotencyRecord {
  keyHash: string;
  fingerprint: string;
  sealedTrackingToken: string;
}

/** Where the routing rules put a new message, and what the timeline says of it. */
export interface MessageRouting {
  /** Null: the default team. */
  teamId: string | null;
  tags: string[];
  assign: { kind: 'person'; userId: string } | { kind: 'round_robin' } | null;
  /** The rules that matched, in their order, as the `routed` event tells them. */
  rules: Extract<TimelineEventData, { type: 'routed' }>['data']['rules'];
}

export interface StoredMessage {
  id: string;
  reference: string;
  locale: Message['locale'];
  customerName: string | null;
  acknowledgedAt: Date;
  acknowledgement: string | null;
}

/**
 * Stores a message, its acknowledgement, its idempotency key, its routing and, when given, its
 * acknowledgement email (emails.repo.ts) in one statement: atomic without a transaction, and one round
 * trip instead of five (see bench/RESULTS.md). The key is claimed first; when another request already
 * holds it (concurrent retries wait on the unique key), nothing is inserted and the result is `duplicate`.
 */
export async function createMessage(
  db: Db,
  input: NewMessage,
  idempotency?: IdempotencyRecord,
  email?: EmailToStore,
  routing?: MessageRouting,
): Promise<(StoredMessage & { emailState: EmailRow['state'] | undefined }) | 'duplicate'> {
  const { id } = input;
  const claimed = idempotency ? sql`exists (select 1 from claimed)` : sql`true`;
  const roundRobin = routing?.assign?.kind === 'round_robin';
  const team = sql`coalesce(${routing?.teamId ?? null}::uuid, default_team_id())`;
  const assignee =
    routing?.assign?.kind === 'person'
      ? sql`(select id from users where id = ${routing.assign.userId} and active)`
      : roundRobin
        ? sql`(select user_id from picked)`
        : sql`null`;
  const routingSteps = routing
    ? sql`,
        routed as (
          insert into timeline_events (message_id, type, visibility, data, created_at)
          select message.id, 'routed', ${TIMELINE_EVENTS.routed.visibility}, ${JSON.stringify({ rules: routing.rules })}::jsonb,
                 ack.created_at + interval '1 microsecond'
          from message, ack
        ),
        assigned as (
          insert into timeline_events (message_id, type, visibility, data, created_at)
          select message.id, 'assigned', ${TIMELINE_EVENTS.assigned.visibility},
                 jsonb_build_object('assigneeId', u.id, 'assigneeName', u.name, 'previousAssigneeId', null,
                                    'previousAssigneeName', null, 'roundRobin', ${roundRobin}::boolean),
                 ack.created_at + interval '2 microseconds'
          from message join users u on u.id = message.assignee_id, ack
        )`
    : sql``;
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    const claim = idempotency
      ? sql`claimed as (
          insert into idempotency_keys (form_id, key_hash, fingerprint, sealed_tracking_token, message_id)
          values (${input.formId}, ${idempotency.keyHash}, ${idempotency.fingerprint}, ${idempotency.sealedTrackingToken}, ${id})
          on conflict do nothing
          returning message_id
        ),`
      : sql``;
    const statement = sql`
        with ${claim}
        ${roundRobin ? sql`${roundRobinStep(team, claimed)},` : sql``}
        message as (
          insert into messages (id, form_id, reference, tracking_token_hash, tracking_token_sealed, reply_token_hash,
                                body, customer_name, customer_email, locale, page_url, status, spam_signals
                                ${routing ? sql`, team_id, tags, assignee_id, awaiting_assignee` : sql``})
          select ${id}, ${input.formId}, ${reference}, ${input.trackingTokenHash}, ${input.trackingTokenSealed ?? null},
                 ${email?.replyTokenHash ?? null}, ${input.body},
                 ${input.customerName ?? null}, ${input.customerEmail ?? null}, ${input.locale}, ${input.pageUrl ?? null},
                 ${input.status}, ${toTextArray(input.spamSignals ?? [])}::text[]
                 ${routing ? sql`, ${team}, ${toTextArray(routing.tags)}::text[], ${assignee}, ${roundRobin ? sql`(select user_id from picked) is null` : sql`false`}` : sql``}
          where ${claimed}
          returning id, assignee_id
        ),
        ${email ? sql`${storeEmailSteps(email, 'message')},` : sql``}
        ack as (
          insert into timeline_events (message_id, type, visibility, body)
          select id, 'acknowledged', ${TIMELINE_EVENTS.acknowledged.visibility}, ${input.acknowledgement ?? null} from message
          returning created_at
        )${routingSteps}
        select created_at as acknowledged_at, ${email ? sql`(select state from email)` : sql`null`} as email_state
        from ack`;
    type Row = { acknowledged_at: string | Date; email_state: EmailRow['state'] | null };
    try {
      // In the caller's transaction, the statement is a savepoint of its own: a colliding reference
      // must not abort what the caller did before.
      const { rows } = isTransaction(db)
        ? await inTransaction(db, (tx) => executePrepared<Row>(tx, statement))
        : await executePrepared<Row>(db, statement);
      const [row] = rows;
      if (!row) return 'duplicate';
      return {
        id,
        reference,
        locale: input.locale,
        customerName: input.customerName ?? null,
        acknowledgedAt: new Date(row.acknowledged_at),
        acknowledgement: input.acknowledgement ?? null,
        emailState: row.email_state ?? undefined,
      };
    } catch (error) {
      // References are short enough to read aloud, so they can collide: draw another.
      if (attempt < 8 && violates(error, 'messages_reference_unique')) continue;
      throw error;
    }
  }
}

/** The message whose `tags` column is given has the tag (the GIN index on tags serves it). */
export const hasTag = (tags: SQL, tag: string) => sql`${tags} @> array[${tag}]::text[]`;

function toTextArray(values: readonly string[]): string {
  return `{${values.map((value) => JSON.stringify(value)).join(',')}}`;
}

/** Whether `error` (or one of its causes) is PostgreSQL refusing a row for `constraint`. */
export function violates(error: unknown, constraint: string): boolean {
  for (
    let cause = error as { constraint?: string; cause?: unknown } | undefined;
    cause;
    cause = cause.cause as typeof cause
  ) {
    if (cause.constraint === constraint) return true;
  }
  return false;
}

/** How a message is named to its customer: what an acknowledgement and the actions' views need. */
const MESSAGE_IDENTITY = {
  id: messages.id,
  reference: messages.reference,
  locale: messages.locale,
  customerName: messages.customerName,
};

export async function findIdempotentSubmission(
  db: Db,
  formId: string,
  keyHash: string,
): Promise<(StoredMessage & { fingerprint: string; sealedTrackingToken: string }) | undefined> {
  const [row] = await db
    .select({
      ...MESSAGE_IDENTITY,
      fingerprint: idempotencyKeys.fingerprint,
      sealedTrackingToken: idempotencyKeys.sealedTrackingToken,
      acknowledgedAt: timelineEvents.createdAt,
      acknowledgement: timelineEvents.body,
    })
    .from(idempotencyKeys)
    .innerJoin(messages, eq(messages.id, idempotencyKeys.messageId))
    .innerJoin(timelineEvents, and(eq(timelineEvents.messageId, messages.id), eq(timelineEvents.type, 'acknowledged')))
    .where(and(eq(idempotencyKeys.formId, formId), eq(idempotencyKeys.keyHash, keyHash)))
    .limit(1);
  return row;
}

export async function findMessageByTrackingHash(
  db: Db,
  trackingTokenHash: string,
): Promise<{ message: Message; formName: string } | undefined> {
  const [row] = await db
    .select({ message: messages, formName: forms.name })
    .from(messages)
    .innerJoin(forms, eq(forms.id, messages.formId))
    .where(eq(messages.trackingTokenHash, trackingTokenHash))
    .limit(1);
  return row;
}

/** The message whose reply address `reply+<token>@…` carries this token (by the token's hash). */
export async function findMessageIdByReplyTokenHash(db: Db, replyTokenHash: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(eq(messages.replyTokenHash, replyTokenHash))
    .limit(1);
  return row?.id;
}

/** What an action needs to know of a message, read under a lock held until the end of the transaction. */
export type LockedMessage = Pick<
  Message,
  | 'id'
  | 'reference'
  | 'locale'
  | 'customerName'
  | 'customerEmail'
  | 'customerEmailState'
  | 'status'
  | 'tags'
  | 'assigneeId'
  | 'teamId'
>;

export async function lockMessage(db: Db, id: string): Promise<LockedMessage | undefined> {
  const [row] = await db
    .select({
      ...MESSAGE_IDENTITY,
      customerEmail: messages.customerEmail,
      customerEmailState: messages.customerEmailState,
      status: messages.status,
      tags: messages.tags,
      assigneeId: messages.assigneeId,
      teamId: messages.teamId,
    })
    .from(messages)
    .where(eq(messages.id, id))
    .for('update');
  return row;
}

export interface MessageChange {
  status?: Message['status'];
  tags?: string[];
  assigneeId?: string | null;
  teamId?: string;
  /** Whether it waits in its team's queue for round-robin (a person assigning it ends the wait). */
  awaitingAssignee?: boolean;
  waitingSince?: Date;
  customerEmailState?: Message['customerEmailState'];
  /** Derived from the message and the server's secret, so setting it again sets the same value. */
  replyTokenHash?: string;
  /** The customer's new words, added to what search reads. */
  followUp?: string;
  /** Commitments were made or resolved: the earliest open due date, kept on the message for the views. */
  commitmentsChanged?: true;
}

export async function updateMessage(db: Db, id: string, change: MessageChange): Promise<void> {
  const { followUp, commitmentsChanged, ...columns } = change;
  await db
    .update(messages)
    .set({
      ...columns,
      ...(followUp !== undefined && { followUps: sql`${messages.followUps} || ${followUp} || E'\n'` }),
      ...(commitmentsChanged && {
        nextDueOn: sql`(select min(${commitments.dueOn}) from ${commitments}
                        where ${commitments.messageId} = ${id} and ${commitments.status} = 'open')`,
      }),
      updatedAt: sql`now()`,
    })
    .where(eq(messages.id, id));
}
