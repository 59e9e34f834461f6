// Secrets (tracking tokens, session tokens, set-password links, Customer Day share links, idempotency
// keys: idempotency-key.ts, the tokens of reply and bounce addresses) never sit in the database in clear: only their SHA-256 does.
// The tracking token is kept only encrypted: under the customer's idempotency key, so a retry can be
// given the same tracking link, and under the server's secret (server-secret.ts), so that emails can
// carry it, while a copy of the database reveals none. Reply and bounce tokens are derived from the
// server's secret, so they need no copy at all.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

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
export const hashReplyToken = (token: string) => sha256(`reply:${token}`);
export const hashBounceToken = (token: string) => sha256(`bounce:${token}`);
export const hashShareToken = (token: string) => sha256(`customer-day-share:${token}`);
export const hashUnsubscribeToken = (token: string) => sha256(`digest-unsubscribe:${token}`);

/**
 * The token of a message's reply address (`reply`, for a message id), of an email's bounce address
 * (`bounce`, for an email id) or of a digest subscriber's unsubscribe link (`unsubscribe`): 160 bits that only the holder of the server's secret can make, in
 * lower-case hex, because mail systems may change the case of an address's local part.
 */
export function derivedToken(serverSecret: string, purpose: 'reply' | 'bounce' | 'unsubscribe', id: string): string {
  return createHmac('sha256', serverSecret).update(`${purpose}:${id}`).digest('hex').slice(0, 40);
}

/** `secret` is the customer's idempotency key or the server's secret. */
function keyFrom(secret: string): Buffer {
  return createHash('sha256').update(`tracking-key:${secret}`).digest();
}

export function sealToken(token: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

export function openToken(sealed: string, secret: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
