// Stored inbound mails → the admin API's shapes (shared/src/inbound-mail.ts), and one page of the
// unmatched list with its cursor.
import type { InboundMailDetail, InboundMailSummary, UnmatchedMailList } from '@ecoute/shared/inbound-mail';
import { listUnmatchedMails } from '../db/inbound-mails.repo.ts';
import type { InboundMailRow } from '../db/schema/index.ts';
import type { Db } from '../db/transaction.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const LISTING = { view: 'unmatched-mail' };

export function toMailSummary(row: Omit<InboundMailRow, 'raw'>): InboundMailSummary {
  return {
    id: row.id,
    kind: row.kind,
    outcome: row.outcome,
    unmatchedReason: row.unmatchedReason,
    fromAddress: row.fromAddress,
    fromName: row.fromName,
    recipients: [...new Set([...row.envelopeTo, ...row.recipients])],
    subject: row.subject,
    text: row.text,
    attachments: row.attachments,
    messageId: row.messageId,
    receivedAt: row.receivedAt.toISOString(),
  };
}

/** The original as text: bytes that are not UTF-8 become U+FFFD, the rest is exactly as received. */
export function rawText(row: Pick<InboundMailRow, 'raw'>): string {
  return row.raw.toString('utf8');
}

export function toMailDetail(row: InboundMailRow): InboundMailDetail {
  return { ...toMailSummary(row), raw: rawText(row) };
}

export async function listUnmatched(
  db: Db,
  input: { cursor?: string | undefined; limit: number },
): Promise<UnmatchedMailList> {
  const rows = await listUnmatchedMails(db, {
    cursor: input.cursor ? decodeCursor(input.cursor, LISTING) : undefined,
    limit: input.limit,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toMailSummary),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ after: [last.sortKey, last.id] }, LISTING) : null,
  };
}
