// The mail server Ecoute sends through (SMTP_URL, by nodemailer), and what its failures mean: a server
// that cannot be reached is waited for, a 4xx may pass, a 5xx will not.
import type { Transporter } from 'nodemailer';

export interface OutgoingEmail {
  /** The envelope: the bounce address a delivery report comes back to, and the one recipient. */
  envelope: { from: string; to: string };
  from: string;
  to: string;
  replyTo?: string | undefined;
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets. */
  messageId: string;
  inReplyTo?: string | undefined;
  references?: string[] | undefined;
  headers: Record<string, string>;
}

export type SendFailure =
  /** No answer from the server (refused, timed out, name not found): wait for it, however long. */
  | { kind: 'unreachable'; reason: string }
  /** A 4xx: the server may take it later, within a bounded number of tries. */
  | { kind: 'temporary'; reason: string }
  /** A 5xx: the server will not take it. */
  | { kind: 'permanent'; reason: string };

export interface EmailTransport {
  send(email: OutgoingEmail): Promise<{ ok: true } | { ok: false; failure: SendFailure }>;
  /** Closes the connections now if nothing is being sent (otherwise once the last send is done). */
  close(): void;
}

/** How long connections stay open once nothing is left to send. */
const IDLE_MS = 1_000;

/**
 * A few connections, each carrying many emails one after the other: a burst costs the mail server (and
 * this process) one greeting per connection rather than one per email. They close once nothing has
 * been sent for a second, and when the app closes with nothing in flight: a send is never cut.
 */
export function smtpTransport(smtpUrl: string): EmailTransport {
  let pool: Promise<Transporter> | undefined;
  let sending = 0;
  let idle: NodeJS.Timeout | undefined;
  const closePool = () => {
    clearTimeout(idle);
    void pool?.then((transporter) => transporter.close());
    pool = undefined;
  };
  // nodemailer is loaded with the first email: a process with nothing to send never loads it.
  const connect = () =>
    (pool ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: smtpUrl,
        pool: true,
        maxConnections: 4,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as Parameters<typeof nodemailer.createTransport>[0]),
    ));
  return {
    async send(email) {
      sending++;
      clearTimeout(idle);
      try {
        await (
          await connect()
        ).sendMail({
          envelope: email.envelope,
          from: email.from,
          to: email.to,
          ...(email.replyTo ? { replyTo: email.replyTo } : {}),
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: `<${email.messageId}>`,
          ...(email.inReplyTo ? { inReplyTo: `<${email.inReplyTo}>` } : {}),
          ...(email.references?.length ? { references: email.references.map((id) => `<${id}>`) } : {}),
          headers: email.headers,
        });
        return { ok: true };
      } catch (error) {
        return { ok: false, failure: classify(error as Error & { responseCode?: number; response?: string }) };
      } finally {
        if (--sending === 0) idle = setTimeout(closePool, IDLE_MS).unref();
      }
    },
    close() {
      if (sending === 0) closePool();
    },
  };
}

function classify(error: Error & { responseCode?: number; response?: string }): SendFailure {
  const code = error.responseCode;
  if (code && code >= 500) return { kind: 'permanent', reason: error.response ?? error.message };
  if (code && code >= 400) return { kind: 'temporary', reason: error.response ?? error.message };
  return { kind: 'unreachable', reason: `the mail server could not be reached (${error.message})` };
}
