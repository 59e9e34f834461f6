// Database rows → the agent API's shapes (shared/src/agent-contract.ts).
import { acknowledgementText } from '@ecoute/shared/acknowledgement';
import type { AgentTimelineEvent, Commitment, MessageDetail, MessageSummary } from '@ecoute/shared/agent-contract';
import type { CommitmentRow, DetailRow, EventRow, SummaryRow } from '../db/inbox.repo.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

export function toSummary(row: SummaryRow): MessageSummary {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    excerpt: row.excerpt,
    customerName: row.customer_name,
    customerEmail: row.customer_email,
    locale: row.locale,
    formName: row.form_name,
    tags: row.tags,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    createdAt: iso(row.created_at),
    waitingSince: iso(row.waiting_since),
  };
}

export function toDetailMessage(row: DetailRow): MessageDetail['message'] {
  return { ...toSummary(row), body: row.body, pageUrl: row.page_url, spamSignals: row.spam_signals };
}

export function toCommitment(row: CommitmentRow): Commitment {
  return {
    id: row.id,
    messageId: row.message_id,
    reference: row.reference,
    description: row.description,
    dueOn: row.due_on,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    status: row.status,
    overdue: row.overdue,
    outcome: row.outcome,
    createdAt: iso(row.created_at),
    resolvedAt: row.resolved_at ? iso(row.resolved_at) : null,
  };
}

export function toAgentEvent(
  event: EventRow,
  message: Pick<SummaryRow, 'locale' | 'reference' | 'customer_name'>,
): AgentTimelineEvent {
  const data = event.data as { tag?: string; description?: string; assigneeName?: string | null };
  const text =
    event.type === 'acknowledged'
      ? acknowledgementText({ locale: message.locale, reference: message.reference, name: message.customer_name })
      : event.body;
  const detail = data.tag ?? data.description ?? data.assigneeName ?? null;
  return {
    id: event.id,
    type: event.type,
    visibility: event.visibility,
    actor: event.actorId ? { id: event.actorId, name: event.actorName ?? '' } : null,
    text,
    detail,
    at: event.createdAt.toISOString(),
  };
}
