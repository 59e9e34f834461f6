// A real SMTP server in the test process (smtp-server), the mail server Ecoute sends to: it keeps
// every email it accepts, parsed (mailparser), with its envelope; it can refuse with a code, and be
// stopped and started again on the same port to play a mail server going down and coming back.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './app.ts';

export interface ReceivedEmail {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
  /** A header's value as written, unfolded (the first of that name). */
  header(name: string): string | undefined;
}

export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:<port>` for SMTP_URL. */
  url: string;
  received: ReceivedEmail[];
  /** Answer every DATA with this code and text from now on (null: accept again). */
  refuseWith(refusal: { code: number; message: string } | null): void;
  /**
   * Holds every email at the end of DATA without answering, as a slow server does, until `release`.
   * An email whose client went away before the answer is not delivered: a server takes responsibility
   * only when it answers 250.
   */
  hold(): void;
  release(): void;
  /** Emails received and waiting for their answer. */
  held(): number;
  /** Resolves once `count` emails have arrived (checked as they arrive; fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export async function startSmtpSink(port?: number): Promise<SmtpSink> {
  const listenPort = port ?? (await freePort());
  const received: ReceivedEmail[] = [];
  const waiters: Array<() => void> = [];
  let refusal: { code: number; message: string } | null = null;
  let holding = false;
  const waitingAnswer: Array<() => void> = [];
  const closedSessions = new Set<string>();
  let server: SMTPServer | undefined;

  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onClose(session) {
        closedSessions.add(session.id);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', async () => {
          if (holding) await new Promise<void>((resolve) => waitingAnswer.push(resolve));
          if (closedSessions.has(session.id)) return callback(new Error('the client went away'));
          if (refusal) {
            const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
            return callback(error);
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const parsed = await simpleParser(raw);
          received.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            },
            raw,
            parsed,
            header: (name) => {
              const line = parsed.headerLines.find((header) => header.key === name.toLowerCase())?.line;
              return line
                ?.slice(line.indexOf(':') + 1)
                .replace(/\r?\n\s+/g, ' ')
                .trim();
            },
          });
          callback();
          for (const wake of waiters.splice(0)) wake();
        });
      },
    });

  const sink: SmtpSink = {
    port: listenPort,
    url: `smtp://127.0.0.1:${listenPort}`,
    received,
    refuseWith: (next) => {
      refusal = next;
    },
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const answer of waitingAnswer.splice(0)) answer();
    },
    held: () => waitingAnswer.length,
    waitFor: (count, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} emails, ${received.length} arrived`)),
          timeoutMs,
        );
        const check = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            resolve(received);
          } else waiters.push(check);
        };
        check();
      }),
    stop: () =>
      new Promise((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server = undefined;
      }),
    start: () =>
      new Promise((resolve, reject) => {
        server = make();
        server.once('error', reject);
        server.listen(listenPort, '127.0.0.1', () => resolve());
      }),
  };
  await sink.start();
  return sink;
}
