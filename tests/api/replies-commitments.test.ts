// Answering: the personalisation check on replies, the lifecycle (unanswered → committed → closed,
// reopened by the customer), dropping with a reason, quarantine, tags, assignment and internal notes
// — each seen both by agents and by the customer on the tracking page.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTemplate } from '@ecoute/shared/templates';
import { createAgent, signIn, type AgentClient, dueIn } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import {
  trackingOf,
  trackingPageOf,
  writeAgain,
  writeMessage,
  type CustomerSubmission,
  type WrittenMessage,
} from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';

describe.each(databaseKinds)('replies and commitments on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let agent: AgentClient;

  beforeAll(async () => {
    ecoute = await startApp(kind);
    admin = await signIn(ecoute.url);
    agent = await createAgent(ecoute.url, admin, { email: 'sam@example.org', name: 'Sam Agent', role: 'agent' });
  });
  afterAll(() => ecoute.close());

  const write = (submission: Partial<CustomerSubmission> = {}) =>
    writeMessage(ecoute.url, {
      body: 'Ma commande est arrivée incomplète.',
      name: 'Camille Durand',
      email: 'camille@example.org',
      ...submission,
    });
  const reply = (message: WrittenMessage, body: string, commitments?: unknown[], client = admin) =>
    client.request('POST', `/api/v1/messages/${message.id}/replies`, { body, commitments });
  /**
   * A message as agents read it, without the emails Ecoute writes and their events: they change state
   * in the background (tests/email/ reads them).
   */
  const detail = async (message: WrittenMessage) => {
    const { emails: _, ...json } = (await admin.request('GET', `/api/v1/messages/${message.id}`)).json;
    return { ...json, timeline: json.timeline.filter((event: { type: string }) => event.type !== 'email') };
  };
  const statusOf = async (message: WrittenMessage) => (await detail(message)).message.status;
  const fulfil = (id: string, outcome: string) =>
    admin.request('POST', `/api/v1/commitments/${id}/fulfil`, { outcome });
  const drop = (id: string, reason: string) => admin.request('POST', `/api/v1/commitments/${id}/drop`, { reason });
  const inView = async (view: string, message: WrittenMessage) =>
    (await admin.request('GET', `/api/v1/messages?view=${view}&limit=100`)).json.items.some(
      (item: { id: string }) => item.id === message.id,
    );

  describe('the personalisation check', () => {
    const templateBody =
      'Bonjour {{customer.name}},\nmerci pour votre message {{reference}}.\n{{agent.name}}, {{form.name}}';
    beforeAll(async () => {
      const created = await admin.request('POST', '/api/v1/templates', { name: 'Merci', body: templateBody });
      expect(created.status).toBe(201);
    });

    async function rendered(message: WrittenMessage, customerName: string | null) {
      const { message: row } = await detail(message);
      return renderTemplate(templateBody, {
        customer: { name: customerName, email: row.customerEmail },
        reference: message.reference,
        agent: { name: admin.user.name },
        form: { name: row.formName },
      });
    }

    it('warns about a template sent as it is, and still sends it', async () => {
      const message = await write();
      const body = await rendered(message, 'Camille Durand');
      expect(body).toContain('Bonjour Camille Durand,');
      const response = await reply(message, body);
      expect(response.status).toBe(201);
      expect(response.json.warnings).toEqual(['unedited_template']);
      expect(response.json.status).toBe('closed');
      const tracking = await trackingOf(ecoute.url, message.token);
      expect(tracking.timeline.at(-1)).toMatchObject({ type: 'reply', text: body });
      // Spacing and case do not make a template personal.
      const again = await reply(message, `  ${body.toUpperCase().replace(/\n/g, '  \n ')} `);
      expect(again.json.warnings).toEqual(['unedited_template']);
    });

    it('warns when the customer’s known name is not used', async () => {
      const message = await write();
      const response = await reply(message, 'Merci pour votre message, nous regardons cela.');
      expect(response.status).toBe(201);
      expect(response.json.warnings).toEqual(['not_addressed']);
      // The first name alone, or without its accent, is enough.
      const heloise = await write({ name: 'Héloïse Martin' });
      expect((await reply(heloise, 'Bonjour Heloise, nous regardons.')).json.warnings).toEqual([]);
      expect((await reply(heloise, 'Madame Martin, nous regardons.')).json.warnings).toEqual([]);
      // No name given: nothing to address.
      const anonymous = await write({ name: undefined });
      expect((await reply(anonymous, 'Bonjour, nous regardons cela.')).json.warnings).toEqual([]);
    });

    it('warns about a placeholder left in', async () => {
      const message = await write();
      const response = await reply(message, 'Bonjour Camille, votre dossier {{dossier.numero}} avance.');
      expect(response.status).toBe(201);
      expect(response.json.warnings).toEqual(['unfilled_placeholder']);
      const edited = await reply(message, `${await rendered(message, 'Camille Durand')} {{ oups }}`);
      expect(edited.json.warnings).toEqual(['unfilled_placeholder']);
    });

    it('finds nothing to say about a personal reply', async () => {
      const message = await write();
      const body = `${await rendered(message, 'Camille Durand')}\nLe colis manquant part demain.`;
      const response = await reply(message, body);
      expect(response.status).toBe(201);
      expect(response.json.warnings).toEqual([]);
      expect(response.json.event).toMatchObject({
        type: 'reply',
        visibility: 'public',
        text: body,
        actor: { id: admin.user.id, name: admin.user.name },
      });
    });
  });

  describe('a reply sent again', () => {
    it('with the same Idempotency-Key is made once, and answered again; other words with it are a 422', async () => {
      const message = await write();
      const body = { body: 'Bonjour Camille, nous rappelons le transporteur.', commitments: [] as unknown[] };
      body.commitments = [{ description: 'Rappeler le transporteur', dueOn: dueIn(2) }];
      const send = (sent: unknown, key: string) =>
        admin.request('POST', `/api/v1/messages/${message.id}/replies`, sent, { 'idempotency-key': key });
      // A second click while the first is under way, then a retry after a lost answer.
      const [first, second] = await Promise.all([send(body, 'reply-key-1'), send(body, 'reply-key-1')]);
      const third = await send(body, 'reply-key-1');
      expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
      const replayed = [first, second].filter((res) => res.headers.get('idempotent-replayed') === 'true');
      expect(replayed).toHaveLength(1);
      expect(third.headers.get('idempotent-replayed')).toBe('true');
      expect(third.json.event.id).toBe(first.json.event.id);
      expect(third.json.commitments.map((c: { id: string }) => c.id)).toEqual(
        first.json.commitments.map((c: { id: string }) => c.id),
      );
      const timeline = (await detail(message)).timeline.filter((event: { type: string }) => event.type === 'reply');
      expect(timeline).toHaveLength(1);
      expect((await detail(message)).commitments).toHaveLength(1);

      const other = await send({ ...body, body: 'Autre chose.' }, 'reply-key-1');
      expectApiError(other, 422, 'idempotency_mismatch');
      // Another key is another reply.
      expect((await send({ body: 'Et une précision.' }, 'reply-key-2')).status).toBe(201);
      expect((await detail(message)).timeline.filter((e: { type: string }) => e.type === 'reply')).toHaveLength(2);
    });
  });

  describe('the lifecycle', () => {
    it('unanswered → a reply without commitments → closed', async () => {
      const message = await write();
      expect(await statusOf(message)).toBe('unanswered');
      const response = await reply(message, 'Bonjour Camille, c’est réglé.');
      expect(response.json).toMatchObject({ status: 'closed', commitments: [] });
      expect(await statusOf(message)).toBe('closed');
      expect((await trackingOf(ecoute.url, message.token)).status).toBe('closed');
      expect(await inView('closed', message)).toBe(true);
      expect(await inView('unanswered', message)).toBe(false);
    });

    it('with commitments → committed; closed only once the last one is kept', async () => {
      const message = await write();
      const response = await reply(message, 'Bonjour Camille, deux choses à faire.', [
        { description: 'Envoyer la pièce manquante', dueOn: dueIn(1508) },
        { description: 'Rembourser le port', dueOn: dueIn(1518), ownerId: agent.user.id },
      ]);
      expect(response.status).toBe(201);
      expect(response.json.status).toBe('committed');
      const [piece, port] = response.json.commitments;
      expect(piece).toMatchObject({ status: 'open', owner: { id: admin.user.id }, messageId: message.id });
      expect(port).toMatchObject({ status: 'open', owner: { id: agent.user.id, name: 'Sam Agent' } });
      expect((await trackingOf(ecoute.url, message.token)).status).toBe('committed');

      const first = await fulfil(piece.id, 'La pièce est partie.');
      expect(first.json).toMatchObject({ status: 'committed', commitment: { status: 'fulfilled' } });
      expect(first.json.commitment.outcome).toBe('La pièce est partie.');
      expect(first.json.commitment.resolvedAt).toEqual(expect.any(String));
      const last = await fulfil(port.id, 'Le port est remboursé.');
      expect(last.json).toMatchObject({ status: 'closed', commitment: { status: 'fulfilled' } });
      expect(await statusOf(message)).toBe('closed');

      const tracking = await trackingOf(ecoute.url, message.token);
      expect(tracking.status).toBe('closed');
      expect(tracking.timeline.slice(-2)).toMatchObject([
        { type: 'commitment_fulfilled', commitment: 'Envoyer la pièce manquante', text: 'La pièce est partie.' },
        { type: 'commitment_fulfilled', commitment: 'Rembourser le port', text: 'Le port est remboursé.' },
      ]);
    });

    it('takes up to ten commitments in one reply, and returns them in the order written', async () => {
      const message = await write();
      const promised = Array.from({ length: 10 }, (_, i) => ({
        description: `Étape ${i + 1}`,
        dueOn: `2031-0${(i % 9) + 1}-1${i % 10}`,
      }));
      const response = await reply(message, 'Bonjour Camille, voici le plan.', promised);
      expect(response.status).toBe(201);
      expect(
        response.json.commitments.map((c: { description: string; dueOn: string }) => [c.description, c.dueOn]),
      ).toEqual(promised.map((c) => [c.description, c.dueOn]));
      const written = promised.map((c) => c.description);
      expect((await detail(message)).commitments.map((c: { description: string }) => c.description)).toEqual(written);
      const tracking = await trackingOf(ecoute.url, message.token);
      expect(tracking.timeline.at(-1).commitments.map((c: { description: string }) => c.description)).toEqual(written);
    });

    it('dropping with a reason closes, and the customer reads the reason', async () => {
      const message = await write();
      const response = await reply(message, 'Bonjour Camille, nous allons voir.', [
        { description: 'Proposer un geste commercial', dueOn: dueIn(1558) },
      ]);
      const dropped = await drop(response.json.commitments[0].id, 'Le produit a été remboursé entre-temps.');
      expect(dropped.status).toBe(200);
      expect(dropped.json).toMatchObject({
        status: 'closed',
        commitment: { status: 'dropped', outcome: 'Le produit a été remboursé entre-temps.' },
      });
      const tracking = await trackingOf(ecoute.url, message.token);
      expect(tracking.status).toBe('closed');
      expect(tracking.timeline.at(-1)).toMatchObject({
        type: 'commitment_dropped',
        author: 'team',
        text: 'Le produit a été remboursé entre-temps.',
        commitment: 'Proposer un geste commercial',
      });
      const page = await trackingPageOf(ecoute.url, message.token);
      expect(page).toContain('Le produit a été remboursé entre-temps.');
    });

    it('a commitment is kept or dropped once: the second time is a 409 that changes nothing', async () => {
      const message = await write();
      const response = await reply(message, 'Bonjour Camille.', [
        { description: 'Appeler', dueOn: dueIn(1499) },
        { description: 'Écrire', dueOn: dueIn(1500) },
      ]);
      const [call, letter] = response.json.commitments;
      expect((await fulfil(call.id, 'Appelé.')).status).toBe(200);
      const before = await detail(message);
      expectApiError(await fulfil(call.id, 'Appelé encore.'), 409, 'invalid_transition');
      expectApiError(await drop(call.id, 'Finalement non.'), 409, 'invalid_transition');
      expect(await detail(message)).toEqual(before);
      expect((await drop(letter.id, 'Inutile.')).json.status).toBe('closed');
      expectApiError(await fulfil(letter.id, 'Écrit.'), 409, 'invalid_transition');
      const statuses = (await detail(message)).commitments.map((c: { id: string; status: string }) => [c.id, c.status]);
      expect(Object.fromEntries(statuses)).toEqual({ [call.id]: 'fulfilled', [letter.id]: 'dropped' });
    });

    it('the customer writing again reopens; keeping a commitment then leaves it waiting for an answer', async () => {
      const message = await write();
      const response = await reply(message, 'Bonjour Camille.', [
        { description: 'Réparer', dueOn: dueIn(1623) },
        { description: 'Rappeler', dueOn: dueIn(1624) },
      ]);
      const [repair, callBack] = response.json.commitments;
      expect((await writeAgain(ecoute.url, message.token, 'Et la facture ?')).status).toBe(201);
      expect(await statusOf(message)).toBe('unanswered');
      expect((await trackingOf(ecoute.url, message.token)).status).toBe('unanswered');
      expect(await inView('unanswered', message)).toBe(true);
      expect(await inView('commitments_due', message)).toBe(true);

      expect((await fulfil(repair.id, 'Réparé.')).json.status).toBe('unanswered');
      expect((await drop(callBack.id, 'Plus utile.')).json.status).toBe('unanswered');
      expect(await inView('commitments_due', message)).toBe(false);
      // Only an answer ends the wait.
      expect((await reply(message, 'Bonjour Camille, la facture est jointe.')).json.status).toBe('closed');

      // A closed message reopens too, and a reply with a new commitment commits it again.
      expect((await writeAgain(ecoute.url, message.token, 'Merci, une dernière chose.')).status).toBe(201);
      expect(await statusOf(message)).toBe('unanswered');
      const again = await reply(message, 'Bonjour Camille, c’est noté.', [
        { description: 'Vérifier', dueOn: dueIn(1650) },
      ]);
      expect(again.json.status).toBe('committed');
    });

    it('a reply to a committed message keeps it committed while commitments stay open', async () => {
      const message = await write();
      const first = await reply(message, 'Bonjour Camille.', [{ description: 'Un', dueOn: dueIn(1499) }]);
      const second = await reply(message, 'Camille, un complément.');
      expect(second.json).toMatchObject({ status: 'committed', commitments: [] });
      expect((await fulfil(first.json.commitments[0].id, 'Fait.')).json.status).toBe('closed');
    });
  });

  describe('quarantine', () => {
    it('moves an unanswered message to spam, unseen by the customer, and back', async () => {
      const message = await write();
      const marked = await admin.request('POST', `/api/v1/messages/${message.id}/spam`);
      expect(marked.json).toEqual({ status: 'spam' });
      expect(await inView('spam', message)).toBe(true);
      expect(await inView('unanswered', message)).toBe(false);
      expect(await inView('all', message)).toBe(false);

      const tracking = await trackingOf(ecoute.url, message.token);
      expect(tracking.status).toBe('unanswered');
      expect(tracking.timeline.map((event: { type: string }) => event.type)).toEqual(['acknowledged']);
      const page = await trackingPageOf(ecoute.url, message.token);
      expect(page).toContain('status-unanswered');
      expect(page).not.toContain('spam');

      // The sender writing again does not take it out: a person decides.
      expect((await writeAgain(ecoute.url, message.token, 'Hello?')).status).toBe(201);
      expect(await statusOf(message)).toBe('spam');

      const before = await detail(message);
      expectApiError(await reply(message, 'Bonjour Camille.'), 409, 'invalid_transition');
      expectApiError(await admin.request('POST', `/api/v1/messages/${message.id}/spam`), 409, 'invalid_transition');
      expect(await detail(message)).toEqual(before);

      const unmarked = await admin.request('POST', `/api/v1/messages/${message.id}/not-spam`);
      expect(unmarked.json).toEqual({ status: 'unanswered' });
      expect(await inView('unanswered', message)).toBe(true);
      // The emails written to the customer have their own events (tests/email/): not what this reads.
      const events = (await detail(message)).timeline.filter((event: { type: string }) => event.type !== 'email');
      const types = events.map((event: { type: string }) => event.type);
      expect(types).toEqual(['acknowledged', 'marked_spam', 'customer_message', 'unmarked_spam']);
      expect(events[1]).toMatchObject({ visibility: 'internal', actor: { id: admin.user.id } });
      expect((await reply(message, 'Bonjour Camille.')).status).toBe(201);
    });

    it('refuses to quarantine an answered message, or to release one that is not in spam', async () => {
      const closed = await write();
      await reply(closed, 'Bonjour Camille.');
      const committed = await write();
      await reply(committed, 'Bonjour Camille.', [{ description: 'Faire', dueOn: dueIn(1499) }]);
      const unanswered = await write();
      for (const message of [closed, committed]) {
        const before = await detail(message);
        expectApiError(await admin.request('POST', `/api/v1/messages/${message.id}/spam`), 409, 'invalid_transition');
        expect(await detail(message)).toEqual(before);
      }
      // Written to again, it waits for an answer, but it is a conversation with promises, not spam.
      expect((await writeAgain(ecoute.url, committed.token, 'Et alors ?')).status).toBe(201);
      expect(await statusOf(committed)).toBe('unanswered');
      expectApiError(await admin.request('POST', `/api/v1/messages/${committed.id}/spam`), 409, 'invalid_transition');
      expect(await statusOf(committed)).toBe('unanswered');
      for (const message of [closed, committed, unanswered]) {
        const before = await detail(message);
        const response = await admin.request('POST', `/api/v1/messages/${message.id}/not-spam`);
        expectApiError(response, 409, 'invalid_transition');
        expect(await detail(message)).toEqual(before);
      }
    });

    it('releases a message a bot-like submission put there', async () => {
      const message = await write({ website: 'http://bot.example' });
      expect(await statusOf(message)).toBe('spam');
      expect((await trackingOf(ecoute.url, message.token)).status).toBe('unanswered');
      expect((await admin.request('POST', `/api/v1/messages/${message.id}/not-spam`)).json.status).toBe('unanswered');
    });
  });

  describe('internal work never reaches the customer', () => {
    it('tags are lower-cased, each change is an internal event, and none shows on the tracking page', async () => {
      const message = await write();
      const set = (tags: string[]) => agent.request('PUT', `/api/v1/messages/${message.id}/tags`, { tags });
      expect((await set(['Urgent', 'Livraison', 'LIVRAISON'])).json).toEqual({ tags: ['urgent', 'livraison'] });
      expect((await detail(message)).message.tags).toEqual(['urgent', 'livraison']);
      expect((await set(['livraison', 'Facture'])).json).toEqual({ tags: ['livraison', 'facture'] });
      const unchanged = (await detail(message)).timeline.length;
      expect((await set(['facture', 'livraison'])).json.tags).toEqual(['facture', 'livraison']);
      expect((await detail(message)).timeline.length).toBe(unchanged);
      expect((await set([])).json).toEqual({ tags: [] });

      const events = (await detail(message)).timeline.filter((event: { type: string }) =>
        ['tagged', 'untagged'].includes(event.type),
      );
      const changes = events.map((event: { type: string; detail: string }) => `${event.type} ${event.detail}`);
      expect(changes.slice(0, 2).sort()).toEqual(['tagged livraison', 'tagged urgent']);
      expect(changes.slice(2, 4).sort()).toEqual(['tagged facture', 'untagged urgent']);
      expect(changes.slice(4).sort()).toEqual(['untagged facture', 'untagged livraison']);
      for (const event of events) {
        expect(event).toMatchObject({ visibility: 'internal', actor: { id: agent.user.id, name: 'Sam Agent' } });
      }

      const tracking = JSON.stringify(await trackingOf(ecoute.url, message.token));
      const page = await trackingPageOf(ecoute.url, message.token);
      for (const word of ['urgent', 'livraison', 'facture', 'tagged']) {
        expect(tracking.toLowerCase()).not.toContain(word);
        expect(page.toLowerCase()).not.toContain(word);
      }
    });

    it('assignment and unassignment are internal events with who did it and to whom', async () => {
      const message = await write();
      const assign = (assigneeId: string | null) =>
        admin.request('PATCH', `/api/v1/messages/${message.id}`, { assigneeId });
      const assigned = await assign(agent.user.id);
      expect(assigned.status).toBe(200);
      expect(assigned.json).toMatchObject({ id: message.id, assignee: { id: agent.user.id, name: 'Sam Agent' } });
      expect((await assign(agent.user.id)).status).toBe(200); // the same again: no new event
      const unassigned = await assign(null);
      expect(unassigned.json.assignee).toBeNull();

      const events = (await detail(message)).timeline.filter((event: { type: string }) => event.type === 'assigned');
      expect(events).toMatchObject([
        { visibility: 'internal', actor: { id: admin.user.id }, detail: 'Sam Agent' },
        { visibility: 'internal', actor: { id: admin.user.id }, detail: null },
      ]);
      const tracking = JSON.stringify(await trackingOf(ecoute.url, message.token));
      expect(tracking).not.toContain('Sam Agent');
      expect(tracking).not.toContain('assigned');
    });

    it('internal notes are on the agents’ timeline only, never on the tracking page or its JSON', async () => {
      const message = await write();
      const secret = 'Client difficile, voir avec le responsable ZX81';
      const note = await agent.request('POST', `/api/v1/messages/${message.id}/notes`, { body: secret });
      expect(note.status).toBe(201);
      expect(note.json).toMatchObject({
        type: 'note',
        visibility: 'internal',
        text: secret,
        actor: { id: agent.user.id, name: 'Sam Agent' },
      });
      await reply(message, 'Bonjour Camille, voici la réponse.');
      const agentTypes = (await detail(message)).timeline.map((event: { type: string }) => event.type);
      expect(agentTypes.filter((type: string) => type !== 'email')).toEqual(['acknowledged', 'note', 'reply']);
      const tracking = await trackingOf(ecoute.url, message.token);
      expect(tracking.timeline.map((event: { type: string }) => event.type)).toEqual(['acknowledged', 'reply']);
      expect(JSON.stringify(tracking)).not.toContain('ZX81');
      expect(await trackingPageOf(ecoute.url, message.token)).not.toContain('ZX81');
    });
  });

  describe('the commitments lists', () => {
    it('lists open commitments soonest first, only overdue ones, and only mine', async () => {
      const message = await write();
      const response = await reply(message, 'Bonjour Camille.', [
        { description: 'En retard', dueOn: dueIn(1), ownerId: agent.user.id },
        { description: 'À venir', dueOn: dueIn(1224), ownerId: agent.user.id },
        { description: 'Pour l’admin', dueOn: dueIn(1225) },
      ]);
      const [late, upcoming, adminsOwn] = response.json.commitments.map((c: { id: string }) => c.id);
      // Time passes: the first falls due in the past (no reply can promise that).
      await ecoute.app.db.execute(sql`update commitments set due_on = '2021-04-01' where id = ${late}`);
      const ids = async (query: string, client = agent) =>
        (await client.request('GET', `/api/v1/commitments${query}`)).json.items.map((c: { id: string }) => c.id);

      const open = await ids('');
      expect(open).toEqual(expect.arrayContaining([late, upcoming, adminsOwn]));
      expect(open.indexOf(late)).toBeLessThan(open.indexOf(upcoming));
      expect(await ids('?status=overdue')).toContain(late);
      expect(await ids('?status=overdue')).not.toContain(upcoming);
      expect(await ids('?owner=me')).toEqual([late, upcoming]);
      expect(await ids('?status=overdue&owner=me')).toEqual([late]);
      expect(await ids('?owner=me', admin)).toContain(adminsOwn);
      expect(await ids('?owner=me', admin)).not.toContain(late);

      await fulfil(late, 'Fait, en retard.');
      expect(await ids('?owner=me')).toEqual([upcoming]);
    });
  });
});
