// Inbox cursors: opaque to clients, either a keyset position (sort key, id) or, for ranked search,
// an offset, sealed to the listing it pages through (view, search, filters). A cursor that does not
// decode, or belongs to another listing, is refused (a 400), never a silent first page or a wrong one.
import { createHash } from 'node:crypto';
import { normalizeTag } from '@ecoute/shared/agent-values';
import { utcDay } from '@ecoute/shared/calendar';
import type { Cursor } from '../db/inbox.repo.ts';
import { DomainError } from './errors.ts';

export interface Listing {
  view: string;
  q?: string | undefined;
  tag?: string | undefined;
  /** The other filters (team, assignee, form, language, dates). */
  filters?: Record<string, string | undefined>;
}

/** A short fingerprint of the listing: the cursor carries it, not the search text itself. */
function listingKey({ view, q, tag, filters = {} }: Listing): string {
  // Only the filters set: a listing is the same whichever of the unset ones its caller names.
  const others = Object.keys(filters)
    .filter((name) => filters[name] !== undefined && filters[name] !== '')
    .sort()
    .map((name) => [name, filters[name]]);
  const key = JSON.stringify([view, q?.trim() ?? '', tag === undefined ? '' : normalizeTag(tag), ...others]);
  return createHash('sha256').update(key).digest('base64url').slice(0, 11);
}

function refuse(message: string): never {
  throw new DomainError('invalid_input', 'invalid_cursor', message);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** PostgreSQL's text for a timestamptz, with a time of day that exists (the date is checked below). */
const TIMESTAMP = /^[1-9]\d{3}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?[+-](0\d|1[0-4])(:[0-5]\d)?$/;

/** A calendar day that exists: 2024-02-30 does not, and PostgreSQL would fail on it. */
function isRealDate(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && utcDay(new Date(time)) === day;
}

export function encodeCursor(cursor: Cursor, listing: Listing): string {
  return Buffer.from(JSON.stringify({ ...cursor, in: listingKey(listing) })).toString('base64url');
}

/** The cursor, if the server gave it for this very listing; a search pages by offset, a view by position. */
export function decodeCursor(value: string, listing: Listing): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const candidate =
    typeof parsed === 'object' && parsed !== null
      ? (parsed as { after?: unknown; offset?: unknown; in?: unknown })
      : undefined;
  if (candidate !== undefined && candidate.in !== listingKey(listing)) {
    refuse('This cursor belongs to another listing: start again from the first page.');
  }
  if (
    Array.isArray(candidate?.after) &&
    candidate.after.length === 2 &&
    typeof candidate.after[0] === 'string' &&
    TIMESTAMP.test(candidate.after[0]) &&
    isRealDate(candidate.after[0].slice(0, 10)) &&
    typeof candidate.after[1] === 'string' &&
    UUID.test(candidate.after[1])
  ) {
    if (listing.q?.trim()) refuse('A search pages by offset, not by position.');
    return { after: [candidate.after[0], candidate.after[1]] };
  }
  if (
    Number.isSafeInteger(candidate?.offset) &&
    (candidate!.offset as number) >= 0 &&
    (candidate!.offset as number) <= 10_000
  ) {
    if (!listing.q?.trim()) refuse('Only a search pages by offset.');
    return { offset: candidate!.offset as number };
  }
  refuse('This cursor is not one the server gave: start again from the first page.');
}
