// The one way an Idempotency-Key is kept: its hash (never the key: it unseals the submission's
// tracking token) and a fingerprint of what was sent with it, so that the same key sent again with
// other content is refused rather than answered with the first result.
import { sha256 } from './secrets.ts';

export interface IdempotencyClaim {
  keyHash: string;
  fingerprint: string;
}

export const hashIdempotencyKey = (key: string) => sha256(`idempotency:${key}`);

/** The claim a request makes with its key; `content` is everything that must match on a retry. */
export function idempotencyClaim(key: string, content: readonly unknown[]): IdempotencyClaim {
  return { keyHash: hashIdempotencyKey(key), fingerprint: sha256(JSON.stringify(content)) };
}
