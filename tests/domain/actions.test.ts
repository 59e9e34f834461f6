// The domain's actions called directly, as a job, an inbound email or a routing rule will call them:
// no HTTP, a fresh migrated database, the domain's own errors, and transactions a caller opens.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseConnection } from '../../server/src/db/client.ts';
import { forms, users, type Form } from '../../server/src/db/schema/index.ts';
import { addCustomerMessage } from '../../server/src/domain/add-customer-message.ts';
import { addNote } from '../../server/src/domain/add-note.ts';
import { dropCommitment } from '../../server/src/domain/drop-commitment.ts';
import { DomainError } from '../../server/src/domain/errors.ts';
import { fulfilCommitment } from '../../server/src/domain/fulfil-commitment.ts';
import { moveMessage } from '../../server/src/domain/move-message.ts';
import type { Actor } from '../../server/src/domain/message-action.ts';
import { quarantineMessage } from '../../server/src/domain/quarantine-message.ts';
import type { Outbox } from '../../server/src/domain/queue-email.ts';
import { readMessage } from '../../server/src/domain/read-message.ts';
import { releaseMessage } from '../../server/src/domain/release-message.ts';
import { replyToMessage } from '../../server/src/domain/reply-to-message.ts';
import { setTags } from '../../server/src/domain/set-tags.ts';
import { submitMessage } from '../../server/src/domain/submit-message.ts';
import { trackingView } from '../../server/src/domain/tracking.ts';
import { CATALOG, type Jobs } from '../../server/src/jobs/catalog.ts';
import { createJobQueue, type JobRunner } from '../../server/src/jobs/queue.ts';
import { dueIn } from '../support/agent.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const NO_RULES = { rules: [], teamNames: new Map<string, string>() };

describe.each(databaseKinds)('domain actions on %s', (kind) => {
  let database: TestDatabase;
  let connection: DatabaseConnection;
  let form: Form;
  let agent: Actor;
  let jobs: JobRunner<Jobs>;
  let outbox: Outbox;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    connection = await openDatabase(database.target);
    // The real queue, without workers: what is queued stays there to be counted.
    jobs = createJobQueue({ engine: connection.engine, catalog: CATALOG, log: console, stopTimeoutSeconds: 1 });
    await jobs.start();
    outbox = {
      jobs: jobs.queue,
      secret: 'a test secret, long enough to seal tokens',
      replyDomain: 'ecoute.test',
      perRecipientPerHour: 10,
    };
    form = (await connection.db.insert(forms).values({ key: 'shop', name: 'Shop' }).returning())[0]!;
    agent = (
      await connection.db
        .insert(users)
        .values({ email: 'sam@example.org', name: 'Sam', role: 'agent' })
        .returning({ id: users.id, name: users.name })
    )[0]!;
  });
  afterAll(async () => {
    await jobs.stop();
    await connection.close();
    await database.drop();
  });

  const write = async (body: string) => {
    const outcome = await submitMessage(connection.db, {
      form,
      submission: { body, name: '  Zoé   Martin ', locale: 'fr' },
      publicUrl: 'http://ecoute.test',
      outbox,
      routing: NO_RULES,
    });
    if (outcome.kind === 'idempotency_mismatch') throw new Error('no key was sent');
    return { id: outcome.receipt.id, token: outcome.trackingToken };
  };
  const statusOf = async (messageId: string) => (await readMessage(connection.db, messageId)).message.status;

  it('take a message from a customer through a reply, its commitments and their outcome', async () => {
    const message = await write('Mon colis est arrivé abîmé.');
    const replied = await replyToMessage(connection.db, {
      messageId: message.id,
      actor: agent,
      outbox,
      reply: {
        body: 'Bonjour Zoé, nous vous renvoyons un colis.',
        commitments: [
          { description: 'Renvoyer le colis', dueOn: dueIn(3) },
          { description: 'Rembourser le port', dueOn: dueIn(5) },
        ],
      },
    });
    expect(replied.status).toBe('committed');
    expect(replied.warnings).toEqual([]);
    expect(replied.commitments.map((commitment) => commitment.description)).toEqual([
      'Renvoyer le colis',
      'Rembourser le port',
    ]);
    const [resend, refund] = replied.commitments;
    expect(
      await fulfilCommitment(connection.db, { commitmentId: resend!.id, actor: agent, outbox, text: 'Colis renvoyé.' }),
    ).toMatchObject({ status: 'committed', commitment: { status: 'fulfilled', outcome: 'Colis renvoyé.' } });
    expect(
      await dropCommitment(connection.db, { commitmentId: refund!.id, actor: agent, outbox, text: 'Port offert.' }),
    ).toMatchObject({ status: 'closed', commitment: { status: 'dropped' } });

    await addCustomerMessage(connection.db, { messageId: message.id, body: 'Merci !' });
    expect(await statusOf(message.id)).toBe('unanswered');
    const view = (await trackingView(connection.db, message.token))!;
    expect(view.timeline.map((event) => event.type)).toEqual([
      'acknowledged',
      'reply',
      'commitment_fulfilled',
      'commitment_dropped',
      'customer_message',
    ]);
    expect(view.message.name).toBe('Zoé Martin');
  });

  it('refuse with the domain’s own errors, which say what went wrong but nothing of HTTP', async () => {
    const message = await write('Bonjour.');
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );

    const unknown = await refusal(addNote(connection.db, { messageId: UNKNOWN_ID, actor: agent, body: 'x' }));
    expect(unknown).toBeInstanceOf(DomainError);
    expect(unknown).toMatchObject({ kind: 'not_found', code: 'not_found' });
    expect(Object.keys(unknown as object)).not.toContain('statusCode');

    const late = { body: 'Bonjour Zoé.', commitments: [{ description: 'Rappeler', dueOn: '2001-01-01' }] };
    expect(
      await refusal(replyToMessage(connection.db, { messageId: message.id, actor: agent, outbox, reply: late })),
    ).toMatchObject({
      kind: 'invalid_input',
      code: 'invalid_due_date',
    });
    expect(
      await refusal(moveMessage(connection.db, { messageId: message.id, actor: agent, assigneeId: UNKNOWN_ID })),
    ).toMatchObject({ kind: 'invalid_input', code: 'unknown_user' });
    expect(await refusal(releaseMessage(connection.db, { messageId: message.id, actor: agent, outbox }))).toMatchObject(
      {
        kind: 'invalid_transition',
      },
    );

    const reply = { body: 'Bonjour Zoé.' };
    await replyToMessage(connection.db, { messageId: message.id, actor: agent, outbox, reply, idempotencyKey: 'k-1' });
    const again = await replyToMessage(connection.db, {
      messageId: message.id,
      actor: agent,
      outbox,
      reply,
      idempotencyKey: 'k-1',
    });
    expect(again.replayed).toBe(true);
    expect(
      await refusal(
        replyToMessage(connection.db, {
          messageId: message.id,
          actor: agent,
          outbox,
          reply: { body: 'Autre chose.' },
          idempotencyKey: 'k-1',
        }),
      ),
    ).toMatchObject({ kind: 'idempotency_key_reused', code: 'idempotency_mismatch' });
    expect(await refusal(quarantineMessage(connection.db, { messageId: message.id, actor: agent }))).toMatchObject({
      kind: 'invalid_transition',
    });
  });

  it('run inside a transaction the caller opened: its rollback leaves nothing behind', async () => {
    const message = await write('Ma facture est fausse.');
    const before = await readMessage(connection.db, message.id);
    const rolledBack = new Error('the caller changes its mind');
    await expect(
      connection.db.transaction(async (tx) => {
        await replyToMessage(tx, {
          messageId: message.id,
          actor: agent,
          outbox,
          reply: { body: 'Bonjour Zoé.', commitments: [{ description: 'Corriger', dueOn: dueIn(1) }] },
        });
        await addNote(tx, { messageId: message.id, actor: agent, body: 'Vu avec la compta.' });
        await setTags(tx, { messageId: message.id, actor: agent, tags: ['facture'] });
        // Whoever replies takes the message: leaving it to nobody is the fifth event.
        await moveMessage(tx, { messageId: message.id, actor: agent, assigneeId: null });
        // Seen from inside, it is all there.
        expect((await readMessage(tx, message.id)).timeline).toHaveLength(5);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await readMessage(connection.db, message.id)).toEqual(before);
  });

  it('queue an email with the event that causes it, and its job: a rollback leaves neither', async () => {
    const queued = async () =>
      (
        await connection.db.execute<{ emails: number; jobs: number }>(sql`
          select (select count(*)::int from emails) as emails,
                 (select count(*)::int from pgboss.job where name = 'email.send') as jobs`)
      ).rows[0]!;
    const before = await queued();
    const submit = (db: typeof connection.db | Parameters<Parameters<typeof connection.db.transaction>[0]>[0]) =>
      submitMessage(db, {
        form,
        submission: { body: 'Où en est ma commande ?', email: 'lea@example.org', locale: 'fr' },
        publicUrl: 'http://ecoute.test',
        outbox,
        routing: NO_RULES,
      });
    const rolledBack = new Error('the caller changes its mind');
    await expect(
      connection.db.transaction(async (tx) => {
        await submit(tx);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await queued()).toEqual(before);
    const outcome = await submit(connection.db);
    expect(await queued()).toEqual({ emails: before.emails + 1, jobs: before.jobs + 1 });
    if (outcome.kind === 'idempotency_mismatch') throw new Error('no key was sent');
    const detail = await readMessage(connection.db, outcome.receipt.id);
    expect(detail.emails).toMatchObject([{ kind: 'acknowledgement', recipient: 'lea@example.org', state: 'queued' }]);
    expect(detail.timeline.map((event) => event.type)).toEqual(['acknowledged', 'email']);
  });

  it('undo only themselves when they refuse inside the caller’s transaction', async () => {
    const message = await write('Bonjour.');
    await connection.db.transaction(async (tx) => {
      await addNote(tx, { messageId: message.id, actor: agent, body: 'Gardée.' });
      await expect(releaseMessage(tx, { messageId: message.id, actor: agent, outbox })).rejects.toBeInstanceOf(
        DomainError,
      );
      await setTags(tx, { messageId: message.id, actor: agent, tags: ['gardé'] });
    });
    const after = await readMessage(connection.db, message.id);
    expect(after.timeline.map((event) => event.type)).toEqual(['acknowledged', 'note', 'tagged']);
    expect(after.message.tags).toEqual(['gardé']);
    expect(await statusOf(message.id)).toBe('unanswered');
  });
});
