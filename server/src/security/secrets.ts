// Secrets (tracking tokens, session tokens, set-password links, idempotency keys: idempotency-key.ts)
// never sit in the database in clear: only their SHA-256 does.
// The tracking token is kept only encrypted under the customer's idempotency key, so a retry
// can be given the same tracking link while a copy of the database reveals none.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export const hashTrackingToken = (token: string) => sha256(`tracking:${token}`);
export const hashSessionToken = (token: string) => sha256(`session:${token}`);
export const hashPasswordToken = (token: string) => sha256(`password:${token}`);

function keyFrom(idempotencyKey: string): Buffer {
  return createHash('sha256').update(`tracking-key:${idempotencyKey}`).digest();
}

export function sealToken(token: string, idempotencyKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(idempotencyKey), iv);
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

export function openToken(sealed: string, idempotencyKey: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(idempotencyKey), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
