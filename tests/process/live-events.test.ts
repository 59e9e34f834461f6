// The live inbox across two real Ecoute processes on one PostgreSQL, as behind a load balancer: a
// message submitted on one reaches a stream held on the other; when that process stops, its stream
// ends at once, and the client resuming on the other process with Last-Event-ID receives exactly
// what was done meanwhile, then what follows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type AgentClient } from '../support/agent.ts';
import { freePort, TEST_SECRET } from '../support/app.ts';
import { writeMessage } from '../support/customer.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { openEventStream, type EventStream } from '../support/event-stream.ts';
import { killServers, startServer, type ServerProcess } from '../support/server-process.ts';

const PASSWORD = 'a long enough password';

describe.skipIf(!databaseKinds.includes('postgres'))(
  'the live inbox across two processes on one PostgreSQL',
  { timeout: 120_000 },
  () => {
    let database: TestDatabase;
    let a: ServerProcess;
    let b: ServerProcess;
    const streams: EventStream[] = [];

    beforeAll(async () => {
      database = await freshDatabase('postgres');
      const env = {
        DATABASE_URL: (database.target as { url: string }).url,
        ECOUTE_SECRET: TEST_SECRET,
        ECOUTE_ADMIN_PASSWORD: PASSWORD,
        LOG_LEVEL: 'warn',
      };
      a = startServer(await freePort(), env);
      await a.healthy();
      b = startServer(await freePort(), env);
      await b.healthy();
    });
    afterAll(async () => {
      for (const stream of streams) stream.close();
      killServers();
      await database?.drop();
    });

    it('shows on process B what was submitted on process A, and resumes on A after B stops', async () => {
      const admin: AgentClient = await signIn(b.url, { email: 'admin@localhost', password: PASSWORD });
      const onB = await openEventStream(b.url, admin.cookie);
      streams.push(onB);
      expect(onB.status).toBe(200);
      await onB.next((event) => event.event === 'ready');

      const first = await writeMessage(a.url, { body: 'Submitted on A, read on B.', locale: 'en' });
      const seen = await onB.next((event) => event.data.messageId === first.id, 10_000);
      expect(seen.data.type).toBe('acknowledged');

      // B stops: its stream ends at once (not after the 10 s grace), and B exits cleanly.
      const stopping = Date.now();
      const exited = b.stop();
      await onB.ended;
      expect(Date.now() - stopping).toBeLessThan(5_000);
      expect(await exited).toBe(0);

      // Meanwhile, on A: the client misses these.
      const missed = await writeMessage(a.url, { body: 'While the stream was cut.', locale: 'en' });
      const onA = (path: string, body: unknown) =>
        fetch(`${a.url}${path}`, {
          method: 'POST',
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await onA(`/api/v1/messages/${first.id}/notes`, { body: 'Seen while cut.' })).status).toBe(201);

      // The browser reconnects (to whichever process the balancer picks: A) with the last id it got.
      const lastId = onB.events.at(-1)!.id!;
      const resumed = await openEventStream(a.url, admin.cookie, { 'last-event-id': lastId });
      streams.push(resumed);
      expect(resumed.status).toBe(200);
      await resumed.next((event) => event.data.type === 'note');
      const after = await writeMessage(a.url, { body: 'After the reconnection.', locale: 'en' });
      await resumed.next((event) => event.data.messageId === after.id);
      expect(resumed.events.map((event) => [event.data.type, event.data.messageId])).toEqual([
        ['acknowledged', missed.id],
        ['note', first.id],
        ['acknowledged', after.id],
      ]);
      expect(Number(resumed.events[0]!.id)).toBeGreaterThan(Number(lastId));
    });
  },
);
