// The inbox as agents read it: what each view holds and in which order, the counts, keyset
// pagination, full-text search in the customer's language, the tag filter, and one message with
// everything around it. Every test makes its own messages and looks only at those (the app is shared).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, signIn, type AgentClient, dueIn } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeAgain, writeMessage, type CustomerSubmission, type WrittenMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';

interface Summary {
  id: string;
  status: string;
  createdAt: string;
  waitingSince: string;
  tags: string[];
  assignee: { id: string; name: string } | null;
}

describe.each(databaseKinds)('the inbox on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let agent: AgentClient;

  beforeAll(async () => {
    ecoute = await startApp(kind);
    admin = await signIn(ecoute.url);
    agent = await createAgent(ecoute.url, admin, { email: 'lea@example.org', name: 'Léa Agent', role: 'agent' });
  });
  afterAll(() => ecoute.close());

  let written = 0;
  const write = (submission: Partial<CustomerSubmission> = {}) =>
    writeMessage(ecoute.url, { body: `Message numéro ${++written}`, ...submission });

  async function list(query: string, client = admin): Promise<{ items: Summary[]; nextCursor: string | null }> {
    const response = await client.request('GET', `/api/v1/messages?${query}`);
    expect({ status: response.status, json: response.json }).toMatchObject({ status: 200 });
    return response.json;
  }
  /** The ids of a view (first 100), keeping only the given messages, in the view's order. */
  async function viewIds(view: string, among: WrittenMessage[], client = admin): Promise<string[]> {
    const wanted = new Set(among.map((message) => message.id));
    const { items } = await list(`view=${view}&limit=100`, client);
    return items.filter((item) => wanted.has(item.id)).map((item) => item.id);
  }
  async function reply(message: WrittenMessage, body: string, commitments?: unknown[], client = admin) {
    const response = await client.request('POST', `/api/v1/messages/${message.id}/replies`, { body, commitments });
    expect({ status: response.status, json: response.json }).toMatchObject({ status: 201 });
    return response.json;
  }
  async function tag(message: WrittenMessage, tags: string[]) {
    const response = await admin.request('PUT', `/api/v1/messages/${message.id}/tags`, { tags });
    expect(response.status).toBe(200);
  }
  /** Walks every page of a listing and returns the ids in order, with the page sizes. */
  async function walk(query: string) {
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const { items, nextCursor }: { items: Summary[]; nextCursor: string | null } = await list(
        `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      ids.push(...items.map((item) => item.id));
      sizes.push(items.length);
      if (!nextCursor) return { ids, sizes };
      cursor = nextCursor;
    }
    throw new Error('pagination never ended');
  }

  it('unanswered is oldest first by when the customer last wrote; a reopened message waits from its new words', async () => {
    const [a, b, c] = [await write(), await write(), await write()];
    await reply(a, 'Voici notre réponse.');
    expect(await viewIds('unanswered', [a, b, c])).toEqual([b.id, c.id]);

    const before = (await list('view=unanswered&limit=100')).items.find((item) => item.id === b.id)!;
    expect((await writeAgain(ecoute.url, b.token, 'Toujours là ?')).status).toBe(201);
    expect((await writeAgain(ecoute.url, a.token, 'Une autre question.')).status).toBe(201);

    // b was already waiting: it still waits since its first words. a waits since its new words.
    expect(await viewIds('unanswered', [a, b, c])).toEqual([b.id, c.id, a.id]);
    const { items } = await list('view=unanswered&limit=100');
    expect(items.find((item) => item.id === b.id)!.waitingSince).toBe(before.waitingSince);
    const reopened = items.find((item) => item.id === a.id)!;
    expect(Date.parse(reopened.waitingSince)).toBeGreaterThan(Date.parse(reopened.createdAt));
    const waiting = items.map((item) => Date.parse(item.waitingSince));
    expect(waiting).toEqual([...waiting].sort((x, y) => x - y));
    expect(items.every((item) => item.status === 'unanswered')).toBe(true);
  });

  it('the other views are newest first', async () => {
    const messages = [await write(), await write(), await write()];
    const newestFirst = messages.map((message) => message.id).reverse();
    expect(await viewIds('all', messages)).toEqual(newestFirst);
    for (const message of messages) await reply(message, 'Réponse.');
    expect(await viewIds('closed', messages)).toEqual(newestFirst);
    for (const view of ['all', 'closed']) {
      const created = (await list(`view=${view}&limit=100`)).items.map((item) => Date.parse(item.createdAt));
      expect(created).toEqual([...created].sort((x, y) => y - x));
    }
  });

  it('mine holds what is assigned to me and still open, whoever I am: never spam, never closed', async () => {
    const assigned = await write();
    const answered = await write();
    const done = await write();
    const quarantined = await write({ website: 'http://bot.example' });
    const someoneElse = await write();
    for (const message of [assigned, quarantined]) {
      const response = await admin.request('PATCH', `/api/v1/messages/${message.id}`, {
        assigneeId: agent.user.id,
      });
      expect(response.status).toBe(200);
    }
    // Answering an unassigned message takes it; a promise keeps it open, a plain answer closes it.
    await reply(answered, 'Réponse de Léa.', [{ description: 'Rappeler', dueOn: dueIn(3) }], agent);
    await reply(done, 'Réponse de Léa, tout est réglé.', undefined, agent);
    await reply(someoneElse, 'Réponse de l’admin.', [{ description: 'Rembourser', dueOn: dueIn(3) }]);
    const all = [assigned, answered, done, quarantined, someoneElse];
    expect(await viewIds('mine', all, agent)).toEqual([answered.id, assigned.id]);
    expect(await viewIds('mine', all, admin)).toEqual([someoneElse.id]);
    const { items } = await list('view=mine&limit=100', agent);
    expect(
      items.every((item) => item.assignee?.id === agent.user.id && ['unanswered', 'committed'].includes(item.status)),
    ).toBe(true);
    expect(await viewIds('closed', all, agent)).toEqual([done.id]);
  });

  it('commitments_due holds messages with an open commitment; overdue only those past due', async () => {
    const late = await write();
    const later = await write();
    const done = await write();
    const lateReply = await reply(late, 'Réponse.', [{ description: 'Rembourser', dueOn: dueIn(1) }]);
    await reply(later, 'Réponse.', [{ description: 'Rappeler', dueOn: dueIn(30) }]);
    const doneReply = await reply(done, 'Réponse.', [{ description: 'Envoyer', dueOn: dueIn(1) }]);
    // Time passes: the first two promises fall due in the past (nobody can promise that today).
    for (const [{ commitments }, message] of [
      [lateReply, late],
      [doneReply, done],
    ] as const) {
      await ecoute.app.db.execute(sql`update commitments set due_on = '2020-01-02' where id = ${commitments[0].id}`);
      await ecoute.app.db.execute(sql`update messages set next_due_on = '2020-01-02' where id = ${message.id}`);
    }
    const kept = await admin.request('POST', `/api/v1/commitments/${doneReply.commitments[0].id}/fulfil`, {
      outcome: 'Envoyé.',
    });
    expect(kept.status).toBe(200);

    expect(await viewIds('commitments_due', [late, later, done])).toEqual([later.id, late.id]);
    expect(await viewIds('overdue', [late, later, done])).toEqual([late.id]);
    const detail = await admin.request('GET', `/api/v1/messages/${late.id}`);
    expect(detail.json.commitments[0]).toMatchObject({ dueOn: '2020-01-02', overdue: true, status: 'open' });

    const overdue = await admin.request('GET', '/api/v1/commitments?status=overdue');
    const overdueIds = overdue.json.items.map((commitment: { id: string }) => commitment.id);
    expect(overdueIds).toContain(lateReply.commitments[0].id);
    expect(overdueIds).not.toContain(doneReply.commitments[0].id);
    const open = await admin.request('GET', '/api/v1/commitments');
    const dues = open.json.items.map((commitment: { dueOn: string }) => commitment.dueOn);
    expect(dues).toEqual([...dues].sort());
    expect(open.json.items.every((commitment: { status: string }) => commitment.status === 'open')).toBe(true);
  });

  it('a filled honeypot lands in spam, out of unanswered and all', async () => {
    const bot = await write({ body: 'Cheap watches', website: 'http://bot.example' });
    const person = await write();
    expect(await viewIds('spam', [bot, person])).toEqual([bot.id]);
    expect(await viewIds('unanswered', [bot, person])).toEqual([person.id]);
    expect(await viewIds('all', [bot, person])).toEqual([person.id]);
    const detail = await admin.request('GET', `/api/v1/messages/${bot.id}`);
    expect(detail.json.message).toMatchObject({ status: 'spam', spamSignals: ['honeypot'] });
  });

  it('counts match the views, and move when messages arrive', async () => {
    const counted = ['unanswered', 'mine', 'team', 'commitments_due', 'overdue', 'spam'] as const;
    const counts = async (client: AgentClient) => (await client.request('GET', '/api/v1/messages/counts')).json;
    for (const client of [admin, agent]) {
      const now = await counts(client);
      expect(Object.keys(now).sort()).toEqual([...counted].sort());
      for (const view of counted) {
        const { items, nextCursor } = await list(`view=${view}&limit=100`, client);
        expect(nextCursor).toBeNull();
        expect({ view, count: now[view] }).toEqual({ view, count: items.length });
      }
    }
    const before = await counts(admin);
    await write();
    await write({ website: 'x' });
    // The first admin is in the default team, where a new message goes.
    expect(await counts(admin)).toEqual({
      ...before,
      unanswered: before.unanswered + 1,
      team: before.team + 1,
      spam: before.spam + 1,
    });
  });

  describe('keyset pagination', () => {
    const messages: WrittenMessage[] = [];
    beforeAll(async () => {
      for (let i = 0; i < 7; i++) {
        messages.push(await write({ body: `Pagination zorglub ${i}` }));
        await tag(messages.at(-1)!, ['pages']);
      }
    });

    it('walks newest first and oldest first, two at a time, each message exactly once', async () => {
      const ids = messages.map((message) => message.id);
      const all = await walk('view=all&tag=pages&limit=2');
      expect(all.sizes).toEqual([2, 2, 2, 1]);
      expect(all.ids).toEqual([...ids].reverse());
      const unanswered = await walk('view=unanswered&tag=pages&limit=2');
      expect(unanswered.sizes).toEqual([2, 2, 2, 1]);
      expect(unanswered.ids).toEqual(ids);
      const exact = await walk('view=all&tag=pages&limit=7');
      expect(exact).toEqual({ ids: [...ids].reverse(), sizes: [7] });
    });

    it('pages through ranked search results too, without duplicates or gaps', async () => {
      const found = await walk('view=all&q=zorglub&limit=2');
      expect(found.sizes).toEqual([2, 2, 2, 1]);
      expect([...found.ids].sort()).toEqual(messages.map((message) => message.id).sort());
    });

    it('breaks ties between messages written at the same instant by id, without duplicates or gaps', async () => {
      const ids = messages.map((message) => message.id);
      // Several customers writing within the same microsecond cannot be forced through HTTP: set it.
      await ecoute.app.db.execute(sql`update messages set created_at = '2024-03-01 10:00:00.123456+00',
        waiting_since = '2024-03-01 10:00:00.123456+00' where id in (${sql.join(ids, sql`, `)})`);
      const all = await walk('view=all&tag=pages&limit=2');
      expect(all.ids).toEqual([...ids].sort().reverse());
      const unanswered = await walk('view=unanswered&tag=pages&limit=3');
      expect(unanswered).toEqual({ ids: [...ids].sort(), sizes: [3, 3, 1] });
    });
  });

  describe('search', () => {
    let livraisons: WrittenMessage;
    let deliveries: WrittenMessage;
    let frenchShipping: WrittenMessage;
    let englishShipping: WrittenMessage;
    beforeAll(async () => {
      livraisons = await write({ body: 'Les livraisons sont retardées depuis deux semaines.', locale: 'fr' });
      deliveries = await write({ body: 'The deliveries were late again this week.', locale: 'en' });
      frenchShipping = await write({ body: 'Le shipping était rapide, les chevaux aussi.', locale: 'fr' });
      englishShipping = await write({ body: 'The shipping was quick and careful.', locale: 'en' });
    });
    const search = async (q: string) =>
      (await list(`view=all&limit=100&q=${encodeURIComponent(q)}`)).items.map((item) => item.id);

    it('finds French words by their stem, in French', async () => {
      expect(await search('livraison')).toContain(livraisons.id);
      expect(await search('retardée')).toContain(livraisons.id);
      expect(await search('cheval')).toEqual([frenchShipping.id]);
    });

    it('finds English words by their stem, in English', async () => {
      expect(await search('delivery')).toEqual([deliveries.id]);
      expect(await search('deliveries late')).toEqual([deliveries.id]);
    });

    it('searches each message in its own language only', async () => {
      // English stemming makes "ship" match "shipping"; French stemming leaves "shipping" whole.
      const ship = await search('ship');
      expect(ship).toContain(englishShipping.id);
      expect(ship).not.toContain(frenchShipping.id);
      expect(await search('shipping')).toEqual(expect.arrayContaining([frenchShipping.id, englishShipping.id]));
      expect(await search('livraison')).not.toContain(deliveries.id);
    });

    it('finds the words a customer wrote again later, in the message’s language', async () => {
      const message = await write({ body: 'Mon vélo est arrivé sans selle.', locale: 'fr' });
      expect(await search('chargeurs')).not.toContain(message.id);
      expect(
        (await writeAgain(ecoute.url, message.token, 'Et il manque aussi les chargeurs de la lampe.')).status,
      ).toBe(201);
      expect(await search('chargeur')).toEqual([message.id]);
      expect(await search('selle chargeur')).toEqual([message.id]);
    });

    it('finds a message by its reference, whatever the case', async () => {
      expect(await search(deliveries.reference)).toEqual([deliveries.id]);
      expect(await search(deliveries.reference.toLowerCase())).toEqual([deliveries.id]);
    });

    it('takes operators and punctuation as text, never as an error', async () => {
      for (const q of ['"livraisons', 'livraison & | ! :*', "l'été (ou pas)", '-', '   ', 'OR']) {
        const response = await admin.request('GET', `/api/v1/messages?view=all&q=${encodeURIComponent(q)}`);
        expect({ q, status: response.status }).toEqual({ q, status: 200 });
      }
      expect(await search('livraisons -retardées')).not.toContain(livraisons.id);
    });

    it('stays within the view', async () => {
      expect((await list('view=spam&q=livraison')).items).toEqual([]);
      expect((await list('view=closed&q=livraison')).items.map((item) => item.id)).not.toContain(livraisons.id);
    });

    it('finds matches of every age, the most relevant first', async () => {
      // Search looks for matches slice of time by slice (server/src/db/inbox.repo.ts): one per slice.
      const ages = ['1 hour', '10 days', '60 days', '200 days', '3 years'];
      const aged: WrittenMessage[] = [];
      for (const [i, age] of ages.entries()) {
        const body = i === 2 ? 'Farfadet, farfadet, encore un farfadet dans la boutique.' : `Un farfadet numéro ${i}.`;
        const message = await write({ body, locale: 'fr' });
        // Only created_at: waiting_since stays now, so that the unanswered view keeps its order.
        await ecoute.app.db.execute(
          sql`update messages set created_at = now() - ${age}::interval where id = ${message.id}`,
        );
        aged.push(message);
      }
      const found = await search('farfadet');
      expect(found[0]).toBe(aged[2]!.id);
      expect(found.slice(1)).toEqual(aged.filter((_, i) => i !== 2).map((message) => message.id));
    });

    it('ranks the newest 500 matches and says no more after them', async () => {
      const newest = await write({ body: 'Gribouille dans le dernier message.', locale: 'fr' });
      // 520 older matches, written straight to the table (520 submissions would trip the rate limit),
      // closed so that they stay out of the unanswered view the other tests read.
      await ecoute.app.db.execute(sql`
        insert into messages (form_id, reference, tracking_token_hash, body, locale, status, created_at)
        select form_id, 'EC-G' || n, 'gribouille-' || n, 'Gribouille numéro ' || n, 'fr', 'closed',
               now() - n * interval '1 hour'
        from messages, generate_series(1, 520) n where id = ${newest.id}`);
      const { ids, sizes } = await walk('view=all&q=gribouille&limit=100');
      expect(sizes).toEqual([100, 100, 100, 100, 100]);
      expect(new Set(ids).size).toBe(500);
      expect(ids).toContain(newest.id);
      const references = await ecoute.app.db.execute<{ reference: string }>(
        sql`select reference from messages where id in (${sql.join(ids, sql`, `)})`,
      );
      // The 499 newest of the older ones: EC-G1 … EC-G499.
      const numbers = references.rows.map((row) => Number(row.reference.slice(4))).filter(Boolean);
      expect(Math.max(...numbers)).toBe(499);
    });
  });

  it('filters by tag, whatever its case, and lists the tags in use', async () => {
    const tagged = await write();
    const other = await write();
    await tag(tagged, ['Facturation', 'urgent']);
    await tag(other, ['urgent']);
    for (const value of ['facturation', 'FACTURATION']) {
      expect((await list(`view=all&limit=100&tag=${value}`)).items.map((item) => item.id)).toEqual([tagged.id]);
    }
    expect(await viewIds('all', [tagged, other])).toEqual([other.id, tagged.id]);
    expect((await list('view=all&limit=100&tag=urgent')).items.map((item) => item.id)).toEqual(
      expect.arrayContaining([tagged.id, other.id]),
    );
    expect((await list('view=all&tag=nothing-like-this')).items).toEqual([]);
    // Lower case that would leave a combining mark (İ → i̇) gives the plain letter, so the tag
    // the server returns can be sent back, and found by its capitals.
    const turkish = await write();
    const stored = await admin.request('PUT', `/api/v1/messages/${turkish.id}/tags`, { tags: ['İstanbul'] });
    expect(stored.json.tags).toEqual(['istanbul']);
    const again = await admin.request('PUT', `/api/v1/messages/${turkish.id}/tags`, {
      tags: [...stored.json.tags, 'Ankara'],
    });
    expect(again.json.tags).toEqual(['istanbul', 'ankara']);
    expect((await list('view=all&tag=İSTANBUL')).items.map((item) => item.id)).toEqual([turkish.id]);
    const tags = await admin.request('GET', '/api/v1/tags');
    expect(tags.json.items).toEqual(expect.arrayContaining(['facturation', 'urgent']));
    expect(tags.json.items).toEqual([...tags.json.items].sort());
  });

  it('shows one message with the same customer’s other messages, its timeline and its commitments', async () => {
    const first = await write({ body: 'Première fois', name: 'Héloïse Martin', email: 'heloise@example.org' });
    const stranger = await write({ body: 'Quelqu’un d’autre', email: 'other@example.org' });
    const second = await write({ body: 'Deuxième fois', name: 'Héloïse Martin', email: 'Heloise@Example.org' });
    const message = await write({ body: 'Troisième fois', name: 'Héloïse Martin', email: 'heloise@example.org' });
    const noEmail = await write({ body: 'Sans adresse' });

    const replied = await reply(message, 'Bonjour Héloïse, c’est noté.', [
      { description: 'Rappeler Héloïse', dueOn: dueIn(1532), ownerId: agent.user.id },
    ]);
    const note = await agent.request('POST', `/api/v1/messages/${message.id}/notes`, { body: 'Cliente fidèle.' });
    expect(note.status).toBe(201);
    await tag(message, ['fidele']);
    expect((await writeAgain(ecoute.url, message.token, 'Merci !')).status).toBe(201);

    const detail = await agent.request('GET', `/api/v1/messages/${message.id}`);
    expect(detail.status).toBe(200);
    expect(detail.json.message).toMatchObject({
      id: message.id,
      reference: message.reference,
      status: 'unanswered',
      body: 'Troisième fois',
      customerName: 'Héloïse Martin',
      customerEmail: 'heloise@example.org',
      tags: ['fidele'],
      assignee: { id: admin.user.id, name: admin.user.name },
      spamSignals: [],
    });
    expect(detail.json.otherMessages.map((other: { id: string }) => other.id)).toEqual([second.id, first.id]);
    expect(detail.json.otherMessages.map((other: { id: string }) => other.id)).not.toContain(stranger.id);

    // The emails written to the customer have their own events (tests/email/): not what this reads.
    const timeline = detail.json.timeline.filter((event: { type: string }) => event.type !== 'email');
    expect(timeline.map((event: { type: string }) => event.type)).toEqual([
      'acknowledged',
      'reply',
      'note',
      'tagged',
      'customer_message',
    ]);
    expect(timeline[0]).toMatchObject({ actor: null, visibility: 'public', text: expect.stringContaining('Héloïse') });
    expect(timeline[1]).toMatchObject({
      actor: { id: admin.user.id, name: admin.user.name },
      visibility: 'public',
      text: 'Bonjour Héloïse, c’est noté.',
    });
    expect(timeline[2]).toMatchObject({
      actor: { id: agent.user.id, name: 'Léa Agent' },
      visibility: 'internal',
      text: 'Cliente fidèle.',
    });
    expect(timeline[3]).toMatchObject({ visibility: 'internal', detail: 'fidele', actor: { id: admin.user.id } });
    expect(timeline[4]).toMatchObject({ actor: null, visibility: 'public', text: 'Merci !' });
    const at = timeline.map((event: { at: string }) => Date.parse(event.at));
    expect(at).toEqual([...at].sort((x, y) => x - y));

    expect(detail.json.commitments).toEqual([
      {
        id: replied.commitments[0].id,
        messageId: message.id,
        reference: message.reference,
        description: 'Rappeler Héloïse',
        dueOn: dueIn(1532),
        owner: { id: agent.user.id, name: 'Léa Agent' },
        status: 'open',
        overdue: false,
        outcome: null,
        createdAt: expect.any(String),
        resolvedAt: null,
      },
    ]);

    const lonely = await admin.request('GET', `/api/v1/messages/${noEmail.id}`);
    expect(lonely.json).toMatchObject({ otherMessages: [], commitments: [], message: { customerEmail: null } });
    expect(lonely.json.timeline.map((event: { type: string }) => event.type)).toEqual(['acknowledged']);
  });
});
