// Inbox cursors: opaque to clients, either a keyset position (sort key, id) or, for ranked search,
// an offset. A cursor that does not decode is a 400, never a silent first page.
import type { Cursor } from '../db/inbox.repo.ts';
import { HttpError } from '../plugins/app/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const candidate = parsed as { after?: unknown; offset?: unknown } | undefined;
  if (
    Array.isArray(candidate?.after) &&
    candidate.after.length === 2 &&
    typeof candidate.after[0] === 'string' &&
    TIMESTAMP.test(candidate.after[0]) &&
    typeof candidate.after[1] === 'string' &&
    UUID.test(candidate.after[1])
  ) {
    return { after: [candidate.after[0], candidate.after[1]] };
  }
  if (
    Number.isSafeInteger(candidate?.offset) &&
    (candidate!.offset as number) >= 0 &&
    (candidate!.offset as number) <= 10_000
  ) {
    return { offset: candidate!.offset as number };
  }
  throw new HttpError(
    400,
    'invalid_cursor',
    'This cursor is not one the server gave: start again from the first page.',
  );
}
