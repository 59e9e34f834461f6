// The data layer's rows → the agent API's shapes (shared/src/agent-contract.ts).
import { acknowledgementText } from '@ecoute/shared/acknowledgement';
import type {
  AgentTimelineEvent,
  Commitment,
  EmailSummary,
  MessageDetail,
  MessageSummary,
  Presence,
} from '@ecoute/shared/agent-contract';
import type { CommitmentDetailRow } from '../db/commitments.repo.ts';
import type { EmailSummaryRow } from '../db/emails.repo.ts';
import type { MessageDetailRow, MessageSummaryRow } from '../db/inbox.repo.ts';
import type { PresenceRow } from '../db/presence.repo.ts';
import type { TimelineEntryRow } from '../db/timeline.repo.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

export function toSummary(row: MessageSummaryRow): MessageSummary {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    excerpt: row.excerpt,
    customerName: row.customerName,
    customerEmail: row.customerEmail,
    locale: row.locale,
    formName: row.formName,
    tags: row.tags,
    team: { id: row.teamId, name: row.teamName },
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null,
    createdAt: iso(row.createdAt),
    waitingSince: iso(row.waitingSince),
  };
}

export function toDetailMessage(row: MessageDetailRow): MessageDetail['message'] {
  return {
    ...toSummary(row),
    body: row.body,
    pageUrl: row.pageUrl,
    spamSignals: row.spamSignals,
    customerEmailState: row.customerEmailState,
  };
}

export function toEmailSummary(row: EmailSummaryRow): EmailSummary {
  return {
    id: row.id,
    messageId: row.messageId,
    reference: row.reference,
    kind: row.kind,
    recipient: row.recipient,
    state: row.state,
    attempts: row.attempts,
    reason: row.lastError,
    createdAt: iso(row.createdAt),
    sentAt: row.sentAt ? iso(row.sentAt) : null,
  };
}

export function toCommitment(row: CommitmentDetailRow): Commitment {
  return {
    id: row.id,
    messageId: row.messageId,
    reference: row.reference,
    description: row.description,
    dueOn: row.dueOn,
    owner: row.ownerId ? { id: row.ownerId, name: row.ownerName ?? '' } : null,
    status: row.status,
    overdue: row.overdue,
    outcome: row.outcome,
    createdAt: iso(row.createdAt),
    resolvedAt: row.resolvedAt ? iso(row.resolvedAt) : null,
  };
}

/** What the agent reads of an event: its words (`text`) and its short fact (`detail`), by type. */
function words(
  event: TimelineEntryRow,
  message: Pick<MessageSummaryRow, 'locale' | 'reference' | 'customerName'>,
): Pick<AgentTimelineEvent, 'text' | 'detail' | 'email' | 'from' | 'routing'> {
  const plain = { email: null };
  switch (event.type) {
    case 'acknowledged':
      return {
        text: acknowledgementText({
          locale: message.locale,
          reference: message.reference,
          name: message.customerName,
          formText: event.body,
        }),
        detail: null,
        ...plain,
      };
    case 'customer_message':
    case 'reply':
    case 'note':
      return { text: event.body, detail: null, ...plain };
    // The manager's note, if any.
    case 'customer_day_pinned':
      return { text: event.body, detail: null, ...plain };
    case 'customer_day_unpinned':
      return { text: null, detail: null, ...plain };
    case 'commitment_fulfilled':
    case 'commitment_dropped':
      return { text: event.body, detail: event.data.description, ...plain };
    case 'tagged':
    case 'untagged':
      return { text: null, detail: event.data.tag, ...plain };
    case 'assigned':
      return {
        text: event.body,
        detail: event.data.assigneeName,
        ...(event.data.previousAssigneeId !== undefined && { from: event.data.previousAssigneeName ?? null }),
        ...plain,
      };
    case 'moved':
      return { text: event.body, detail: event.data.toTeamName, from: event.data.fromTeamName, ...plain };
    case 'routed': {
      const routing = event.data.rules.map(({ ruleName, reasons, teamName, tags, assign }) => ({
        ruleName,
        reasons,
        teamName,
        tags,
        assign,
      }));
      return { text: null, detail: routing.map(({ ruleName }) => ruleName).join(', '), routing, ...plain };
    }
    case 'email_bounced':
      return { text: event.body, detail: event.data.recipient, ...plain };
    case 'marked_spam':
    case 'unmarked_spam':
    case 'mail_attached':
      return { text: null, detail: null, ...plain };
    case 'email':
      return {
        text: event.data.reason,
        detail: event.data.recipient,
        email: { kind: event.data.kind, state: event.data.state },
      };
    case 'customer_emails':
      return { text: null, detail: event.data.state, ...plain };
  }
}

/** The stored mail an event came from or is about, for agents to open; null for the others. */
function inboundMailOf(event: TimelineEntryRow): AgentTimelineEvent['inboundMail'] {
  switch (event.type) {
    case 'customer_message':
      return event.data.inboundMailId
        ? { id: event.data.inboundMailId, attachments: event.data.attachments ?? [] }
        : null;
    case 'email_bounced':
    case 'mail_attached':
      return { id: event.data.inboundMailId, attachments: [] };
    case 'acknowledged':
    case 'reply':
    case 'note':
    case 'commitment_fulfilled':
    case 'commitment_dropped':
    case 'tagged':
    case 'untagged':
    case 'assigned':
    case 'moved':
    case 'routed':
    case 'marked_spam':
    case 'unmarked_spam':
    case 'email':
    case 'customer_emails':
    case 'customer_day_pinned':
    case 'customer_day_unpinned':
      return null;
  }
}

export function toAgentEvent(
  event: TimelineEntryRow,
  message: Pick<MessageSummaryRow, 'locale' | 'reference' | 'customerName'>,
): AgentTimelineEvent {
  return {
    id: event.id,
    type: event.type,
    visibility: event.visibility,
    actor: event.actorId ? { id: event.actorId, name: event.actorName ?? '' } : null,
    ...words(event, message),
    inboundMail: inboundMailOf(event),
    at: event.createdAt.toISOString(),
  };
}

export function toPresence(row: PresenceRow): Presence {
  return { messageId: row.messageId, user: { id: row.userId, name: row.userName }, state: row.state };
}
