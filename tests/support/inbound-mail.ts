// Mail coming in to a running Ecoute, as the tests send it: the settings that turn inbound mail on,
// a message given its reply address and an email of ours recorded as the outbound side does, and the
// two ways in (the webhook over HTTP, the SMTP listener through nodemailer's real SMTP client).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { emails, messages } from '../../server/src/db/schema/index.ts';
import { derivedToken, hashBounceToken, hashReplyToken } from '../../server/src/security/secrets.ts';
import { TEST_SECRET, type RunningApp } from './app.ts';
import type { AgentResponse } from './agent.ts';

export const REPLY_DOMAIN = 'ecoute.example';
export const INBOX_ADDRESS = 'contact@shop.example';
export const INBOUND_SECRET = 'inbound webhook secret for tests';

/** The settings of an app that takes mail in; add ECOUTE_INBOUND_SMTP_PORT to start the listener. */
export const INBOUND_ENV = {
  ECOUTE_REPLY_DOMAIN: REPLY_DOMAIN,
  ECOUTE_INBOX_ADDRESS: INBOX_ADDRESS,
  ECOUTE_INBOUND_SECRET: INBOUND_SECRET,
};

/** The message's reply address, its hash stored as the outbound side stores it with the first email. */
export async function giveReplyAddress(ecoute: RunningApp, messageId: string): Promise<string> {
  const token = derivedToken(TEST_SECRET, 'reply', messageId);
  await ecoute.app.db
    .update(messages)
    .set({ replyTokenHash: hashReplyToken(token) })
    .where(eq(messages.id, messageId));
  return `reply+${token}@${REPLY_DOMAIN}`;
}

/** An email of ours on the message, recorded as sent: its Message-ID and its bounce address. */
export async function recordSentEmail(
  ecoute: RunningApp,
  messageId: string,
  recipient = 'jeanne.martin@exemple.fr',
): Promise<{ emailId: string; rfcMessageId: string; bounceAddress: string }> {
  const emailId = randomUUID();
  const token = derivedToken(TEST_SECRET, 'bounce', emailId);
  const rfcMessageId = `${emailId}@${REPLY_DOMAIN}`;
  await ecoute.app.db.insert(emails).values({
    id: emailId,
    messageId,
    kind: 'acknowledgement',
    recipient,
    locale: 'fr',
    dedupeKey: `test:${emailId}`,
    rfcMessageId,
    bounceTokenHash: hashBounceToken(token),
    state: 'sent',
    sentAt: new Date(),
  });
  return { emailId, rfcMessageId, bounceAddress: `bounce+${token}@${REPLY_DOMAIN}` };
}

/** Posts a raw mail (its bytes as they are) to the webhook. */
export async function postMail(
  url: string,
  raw: Buffer | string,
  headers: Record<string, string> = { authorization: `Bearer ${INBOUND_SECRET}` },
): Promise<AgentResponse> {
  const response = await fetch(`${url}/api/v1/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', ...headers },
    body: typeof raw === 'string' ? raw : new Uint8Array(raw),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

/** Hands a raw mail to the SMTP listener, as a sending server would; resolves to the server's answer. */
export async function sendBySmtp(
  port: number,
  raw: Buffer,
  envelope: { from: string; to: string[] },
): Promise<{ response: string; accepted: unknown[] }> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ envelope, raw });
    return { response: info.response, accepted: info.accepted };
  } finally {
    transport.close();
  }
}
