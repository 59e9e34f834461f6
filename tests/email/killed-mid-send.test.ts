// A real Ecoute process killed (SIGKILL) while it has emails in flight, then started again: every email
// is delivered, none twice, counted by Message-ID at the mail server. The mail server holds the emails
// it receives without answering while the process is killed, so the kill lands mid-send for sure.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET, freePort } from '../support/app.ts';
import { writeMessage } from '../support/customer.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { killServers, startServer } from '../support/server-process.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const MESSAGES = 30;

describe.each(databaseKinds)('a process killed mid-send on %s', (kind) => {
  let sink: SmtpSink;
  let database: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    database = await freshDatabase(kind);
    dataDir = await mkdtemp(path.join(tmpdir(), 'ecoute-killed-'));
  });
  afterEach(killServers);
  afterAll(async () => {
    await sink?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses no email and sends none twice', async () => {
    const port = await freePort();
    const env = {
      ...(database.target.kind === 'postgres' ? { DATABASE_URL: database.target.url } : { ECOUTE_DATA_DIR: dataDir }),
      ECOUTE_SECRET: TEST_SECRET,
      ECOUTE_ADMIN_PASSWORD: 'a long enough password',
      ECOUTE_SUBMIT_LIMIT_PER_IP: '100000',
      SMTP_URL: sink.url,
      ECOUTE_EMAIL_RETRY_MAX_S: '1',
      LOG_LEVEL: 'warn',
    };
    const first = startServer(port, env);
    await first.healthy();
    sink.hold();
    const recipients = Array.from({ length: MESSAGES }, (_, i) => `killed${i}@example.org`);
    for (const email of recipients) await writeMessage(first.url, { body: 'Bonjour.', email, locale: 'fr' });
    // Emails are in flight: received by the mail server, waiting for its answer.
    for (let waited = 0; sink.held() < 2; waited++) {
      if (waited > 300) throw new Error('no email reached the mail server');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    // Let the mail server notice the connections closing.
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The answers come too late: the client is gone, so they are not delivered.
    sink.release();
    expect(sink.received).toHaveLength(0);

    const second = startServer(port, env);
    await second.healthy();
    // The jobs of the dead process come back once their attempt expires (email.send's policy).
    await sink.waitFor(MESSAGES, 240_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const ids = sink.received.map((email) => email.parsed.messageId);
    expect(ids).toHaveLength(MESSAGES);
    expect(new Set(ids).size).toBe(MESSAGES);
    expect(new Set(sink.received.flatMap((email) => email.envelope.to))).toEqual(new Set(recipients));
    await second.stop();
  }, 300_000);
});
