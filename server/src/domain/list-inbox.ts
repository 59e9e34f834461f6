// One page of an inbox view or a search, and the cursor to the next page.
import type { MessageList, MessageView } from '@ecoute/shared/agent-contract';
import { normalizeTag } from '@ecoute/shared/agent-values';
import { listMessages, type InboxFilters } from '../db/inbox.repo.ts';
import type { Db } from '../db/transaction.ts';
import { toSummary } from './agent-views.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export interface ListInboxInput extends Omit<InboxFilters, 'tag'> {
  view: MessageView;
  /** The agent reading: `mine` is theirs, `team` their teams'. */
  userId: string;
  q?: string | undefined;
  tag?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export async function listInbox(db: Db, input: ListInboxInput): Promise<MessageList> {
  const { view, q, tag, limit, teamId, assigneeId, formId, locale, from, to, word } = input;
  const filters = { teamId, assigneeId, formId, locale, from, to, word };
  const listing = { view, q, tag, filters };
  const decoded = input.cursor ? decodeCursor(input.cursor, listing) : undefined;
  const rows = await listMessages(db, {
    view,
    userId: input.userId,
    q,
    ...filters,
    tag: tag === undefined ? undefined : normalizeTag(tag),
    cursor: decoded,
    limit,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  let nextCursor: string | null = null;
  if (rows.length > limit && last) {
    nextCursor = q?.trim()
      ? encodeCursor({ offset: (decoded && 'offset' in decoded ? decoded.offset : 0) + limit }, listing)
      : encodeCursor({ after: [last.sortKey, last.id] }, listing);
  }
  return { items: page.map(toSummary), nextCursor };
}
