// Teams and routing through the API, on both databases: teams and their default, rules evaluated in
// order at submission and for new mail (words matched on the database's lexemes), round-robin counted
// over many messages with members going away and coming back, the team's queue handed out oldest
// first, moves with a reason on the timeline, the preview, and the inbox's team view and filters.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeMessage, type CustomerSubmission } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { INBOUND_ENV, postMail } from '../support/inbound-mail.ts';
import { mailFixture } from '../support/mail-fixtures.ts';
import { succeeds } from '../support/succeeds.ts';

describe.each(databaseKinds)('teams and routing on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  const agents: AgentClient[] = [];
  let defaultTeam: string;

  const ok = succeeds(() => admin);
  const teamNamed = async (name: string) => {
    const team = await ok('POST', '/api/v1/teams', { name });
    return team.id as string;
  };
  const rule = (body: Record<string, unknown>) =>
    ok('POST', '/api/v1/routing-rules', { match: 'all', stop: false, ...body });
  const clearRules = async () => {
    for (const { id } of (await ok('GET', '/api/v1/routing-rules')).items) {
      await ok('DELETE', `/api/v1/routing-rules/${id}`);
    }
  };
  const messageOf = async (id: string) => (await ok('GET', `/api/v1/messages/${id}`)).message;
  const write = (submission: CustomerSubmission) => writeMessage(ecoute.url, submission);

  beforeAll(async () => {
    ecoute = await startApp(kind, INBOUND_ENV);
    admin = await signIn(ecoute.url);
    for (const name of ['Ana', 'Bo', 'Cy']) {
      agents.push(
        await createAgent(ecoute.url, admin, { email: `${name.toLowerCase()}@shop.example`, name, role: 'agent' }),
      );
    }
  });
  afterAll(() => ecoute.close());

  it('the migration made one default team; admins create, rename and choose the default', async () => {
    const { items } = await ok('GET', '/api/v1/teams');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      name: 'General',
      isDefault: true,
      firstReplyTargetMinutes: 240,
      commitmentDelayDays: 7,
    });
    defaultTeam = items[0].id;

    const made = await ok('POST', '/api/v1/teams', { name: 'Facturation', firstReplyTargetMinutes: 60 });
    expect(made).toMatchObject({ name: 'Facturation', isDefault: false, firstReplyTargetMinutes: 60, members: [] });
    expect((await admin.request('POST', '/api/v1/teams', { name: 'facturation' })).status).toBe(409);
    const renamed = await ok('PATCH', `/api/v1/teams/${made.id}`, { name: 'Billing', commitmentDelayDays: 3 });
    expect(renamed).toMatchObject({ name: 'Billing', commitmentDelayDays: 3 });

    // The default moves: exactly one team is the default, and new messages go to it.
    await ok('PATCH', `/api/v1/teams/${made.id}`, { isDefault: true });
    const defaults = (await ok('GET', '/api/v1/teams')).items.filter((team: { isDefault: boolean }) => team.isDefault);
    expect(defaults.map((team: { id: string }) => team.id)).toEqual([made.id]);
    const message = await write({ body: 'Une question sur ma facture.', locale: 'fr' });
    expect((await messageOf(message.id)).team).toEqual({ id: made.id, name: 'Billing' });
    await ok('PATCH', `/api/v1/teams/${defaultTeam}`, { isDefault: true });

    // Members: added once, listed with their availability, removed.
    await ok('POST', `/api/v1/teams/${made.id}/members`, { userId: agents[0]!.user.id });
    const twice = await ok('POST', `/api/v1/teams/${made.id}/members`, { userId: agents[0]!.user.id });
    expect(twice.members).toEqual([{ id: agents[0]!.user.id, name: 'Ana', active: true, available: true }]);
    const removed = await ok('DELETE', `/api/v1/teams/${made.id}/members/${agents[0]!.user.id}`);
    expect(removed.members).toEqual([]);
    expect((await admin.request('DELETE', `/api/v1/teams/${made.id}/members/${agents[0]!.user.id}`)).status).toBe(404);
  });

  it('rules route at submission on words whatever their form and accents, and the timeline says why', async () => {
    const livraisons = await teamNamed('Livraisons');
    await rule({
      name: 'Livraisons',
      conditions: [{ kind: 'words', phrases: ['livraisons', 'deliveries'] }],
      actions: { teamId: livraisons, tags: ['livraison'] },
      stop: true,
    });
    const velo = await rule({
      name: 'Vélos',
      conditions: [{ kind: 'words', phrases: ['velo casse'] }],
      actions: { tags: ['velo'] },
    });
    expect(velo.position).toBe(1);

    const french = await write({ body: 'Ma livraison est en retard depuis une semaine.', locale: 'fr' });
    const english = await write({ body: 'Both deliveries were late.', locale: 'en' });
    const accents = await write({
      body: 'Mon vélo est arrivé cassé… non : le vélo cassé, pas le cadre.',
      locale: 'fr',
    });
    const neither = await write({ body: 'Merci pour votre accueil en magasin.', locale: 'fr' });

    for (const id of [french.id, english.id]) {
      const { message, timeline } = await ok('GET', `/api/v1/messages/${id}`);
      expect(message.team.name).toBe('Livraisons');
      expect(message.tags).toEqual(['livraison']);
      const routed = timeline.find((event: { type: string }) => event.type === 'routed');
      expect(routed).toMatchObject({ detail: 'Livraisons', visibility: 'internal', actor: null });
      expect(routed.routing).toEqual([
        {
          ruleName: 'Livraisons',
          reasons: [{ kind: 'words', phrase: id === french.id ? 'livraisons' : 'deliveries' }],
          teamName: 'Livraisons',
          tags: ['livraison'],
          assign: null,
        },
      ]);
      // After the acknowledgement, which stays first.
      expect(timeline[0].type).toBe('acknowledged');
    }
    const bike = await ok('GET', `/api/v1/messages/${accents.id}`);
    expect(bike.message).toMatchObject({ tags: ['velo'], team: { id: defaultTeam } });
    const plain = await ok('GET', `/api/v1/messages/${neither.id}`);
    expect(plain.message).toMatchObject({ tags: [], team: { id: defaultTeam } });
    expect(plain.timeline.map((event: { type: string }) => event.type)).not.toContain('routed');

    // The order is explicit: put the tagging rule first, and the stopping rule no longer hides it.
    await ok('PUT', `/api/v1/routing-rules/${velo.id}`, { ...velo, id: undefined, updatedAt: undefined, position: 0 });
    expect((await ok('GET', '/api/v1/routing-rules')).items.map((item: { name: string }) => item.name)).toEqual([
      'Vélos',
      'Livraisons',
    ]);
    const both = await write({ body: 'Livraison du vélo cassé : quand ?', locale: 'fr' });
    const { message, timeline } = await ok('GET', `/api/v1/messages/${both.id}`);
    expect(message.tags).toEqual(['velo', 'livraison']);
    // One event tells every rule that matched, in their order.
    const routed = timeline.filter((event: { type: string }) => event.type === 'routed');
    expect(routed).toHaveLength(1);
    expect(routed[0].detail).toBe('Vélos, Livraisons');
    expect(routed[0].routing.map((rule: { ruleName: string }) => rule.ruleName)).toEqual(['Vélos', 'Livraisons']);
    await clearRules();
  });

  it('a phrase of stop words only, which could never match, is refused and named', async () => {
    const refused = await admin.request('POST', '/api/v1/routing-rules', {
      name: 'Vide',
      match: 'all',
      conditions: [
        { kind: 'words', phrases: ['retard', 'de la'] },
        { kind: 'words', phrases: ['the'] },
      ],
      actions: { tags: ['vide'] },
      stop: false,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({
      code: 'invalid_request',
      fields: {
        'conditions.0.phrases.1': '"de la" has no searchable word',
        'conditions.1.phrases.0': '"the" has no searchable word',
      },
    });
    expect(Object.keys(refused.json.error.fields)).toHaveLength(2);
  });

  it('form, language, email domain and returning customers, with all and any', async () => {
    const vip = await teamNamed('VIP');
    const forms = await ecoute.app.db.execute<{ id: string }>(sql`select id from forms where key = 'demo'`);
    const demo = forms.rows[0]!.id;
    await rule({
      name: 'Partenaires',
      match: 'any',
      conditions: [{ kind: 'email_domain', domains: ['partner.example'] }, { kind: 'returning_customer' }],
      actions: { teamId: vip },
      stop: true,
    });
    await rule({
      name: 'Anglais',
      conditions: [
        { kind: 'form', formIds: [demo] },
        { kind: 'language', locales: ['en'] },
      ],
      actions: { tags: ['english'] },
    });
    const partner = await write({ body: 'Hello there, a question.', email: 'kim@eu.partner.example', locale: 'en' });
    const first = await write({ body: 'Hello, first time here.', email: 'new@else.example', locale: 'en' });
    const again = await write({ body: 'Hello, it is me again.', email: 'NEW@else.example', locale: 'en' });
    expect(await messageOf(partner.id)).toMatchObject({ team: { name: 'VIP' }, tags: [] });
    expect(await messageOf(first.id)).toMatchObject({ team: { id: defaultTeam }, tags: ['english'] });
    expect(await messageOf(again.id)).toMatchObject({ team: { name: 'VIP' }, tags: [] });
    const routed = (await ok('GET', `/api/v1/messages/${again.id}`)).timeline.find(
      (event: { type: string }) => event.type === 'routed',
    );
    expect(routed.routing.map((rule: { reasons: unknown }) => rule.reasons)).toEqual([
      [{ kind: 'returning_customer' }],
    ]);
    await clearRules();
  });

  it('new mail to the company is routed like a submission', async () => {
    const orders = await teamNamed('Commandes');
    await rule({
      name: 'Commandes',
      conditions: [{ kind: 'words', phrases: ['commandes introuvables'] }],
      actions: { teamId: orders, tags: ['commande'] },
    });
    const mail = await postMail(ecoute.url, mailFixture('new-mail-fr.eml'));
    expect(mail.json.outcome).toBe('new_message');
    const { message, timeline } = await ok('GET', `/api/v1/messages/${mail.json.messageId}`);
    expect(message).toMatchObject({ team: { name: 'Commandes' }, tags: ['commande'] });
    expect(timeline.find((event: { type: string }) => event.type === 'routed').routing[0].reasons).toEqual([
      { kind: 'words', phrase: 'commandes introuvables' },
    ]);
    await clearRules();
  });

  it('round-robin is fair over many messages, skips who is away or deactivated, and picks up who comes back', async () => {
    const support = await teamNamed('Support');
    for (const agent of agents) await ok('POST', `/api/v1/teams/${support}/members`, { userId: agent.user.id });
    await rule({ name: 'Tout', conditions: [], actions: { teamId: support, assign: { kind: 'round_robin' } } });
    const counts = new Map<string, number>();
    const send = async (n: number, concurrently = false) => {
      const ids: string[] = [];
      const one = async (i: number) => ids.push((await write({ body: `Message numéro ${i}.`, locale: 'fr' })).id);
      if (concurrently) await Promise.all(Array.from({ length: n }, (_, i) => one(i)));
      else for (let i = 0; i < n; i++) await one(i);
      const given = new Map<string, number>();
      for (const id of ids) {
        const name = (await messageOf(id)).assignee?.name ?? 'nobody';
        given.set(name, (given.get(name) ?? 0) + 1);
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      return Object.fromEntries(given);
    };
    const [ana, bo, cy] = agents as [AgentClient, AgentClient, AgentClient];

    expect(await send(30)).toEqual({ Ana: 10, Bo: 10, Cy: 10 });
    // Messages arriving together take turns: as even as one after the other.
    expect(await send(30, true)).toEqual({ Ana: 10, Bo: 10, Cy: 10 });

    await ok('PUT', '/api/v1/me/availability', { available: false }, bo);
    expect(await send(20)).toEqual({ Ana: 10, Cy: 10 });
    await ok('PUT', '/api/v1/me/availability', { available: true }, bo);
    // Back: Bo was given one least recently, so Bo is next, and the rotation goes on.
    const back = await send(31);
    expect(back).toEqual({ Ana: 10, Bo: 11, Cy: 10 });

    // A deactivated member is skipped.
    await ok('PATCH', `/api/v1/users/${cy.user.id}`, { active: false });
    expect(await send(10)).toEqual({ Ana: 5, Bo: 5 });
    await ok('PATCH', `/api/v1/users/${cy.user.id}`, { active: true });
    agents[2] = await signIn(ecoute.url, { email: 'cy@shop.example', password: 'password of cy@shop.example' });
    expect(ana.user.name).toBe('Ana');
    await clearRules();
  });

  it('when nobody is available the message waits in the team’s queue, then is handed out oldest first', async () => {
    const night = await teamNamed('Nuit');
    const [ana, bo] = agents as [AgentClient, AgentClient];
    for (const agent of [ana, bo]) await ok('POST', `/api/v1/teams/${night}/members`, { userId: agent.user.id });
    await rule({
      name: 'Nuit',
      conditions: [{ kind: 'words', phrases: ['nuit'] }],
      actions: { teamId: night, assign: { kind: 'round_robin' } },
      stop: true,
    });
    for (const agent of [ana, bo]) await ok('PUT', '/api/v1/me/availability', { available: false }, agent);
    const waiting = [];
    for (let i = 0; i < 4; i++) waiting.push(await write({ body: `Écrit la nuit, numéro ${i}.`, locale: 'fr' }));
    for (const { id } of waiting) expect((await messageOf(id)).assignee).toBeNull();
    const queue = await ok('GET', `/api/v1/messages?view=all&teamId=${night}&assigneeId=none`);
    expect(queue.items.map((item: { id: string }) => item.id).toSorted()).toEqual(waiting.map((m) => m.id).toSorted());

    // Ana comes back: the whole queue is hers (the only one available), oldest first.
    await ok('PUT', '/api/v1/me/availability', { available: true }, ana);
    const handed = [];
    for (const { id } of waiting) {
      const { message, timeline } = await ok('GET', `/api/v1/messages/${id}`);
      expect(message.assignee?.name).toBe('Ana');
      const assigned = timeline.find((event: { type: string }) => event.type === 'assigned');
      expect(assigned).toMatchObject({ actor: null, detail: 'Ana', from: null });
      handed.push(assigned.at);
    }
    expect(handed).toEqual(handed.toSorted());
    // Once handed out, nothing waits: Bo coming back gets none of them.
    await ok('PUT', '/api/v1/me/availability', { available: true }, bo);
    for (const { id } of waiting) expect((await messageOf(id)).assignee?.name).toBe('Ana');

    // Moved while it waits, a message waits in its new team's queue, or is handed out there at once.
    await ok('PUT', '/api/v1/me/availability', { available: false }, ana);
    await ok('PUT', '/api/v1/me/availability', { available: false }, bo);
    const moved = await write({ body: 'Encore une nuit sans réponse.', locale: 'fr' });
    expect((await messageOf(moved.id)).assignee).toBeNull();
    const support = (await ok('GET', '/api/v1/teams')).items.find((team: { name: string }) => team.name === 'Support');
    await ok('PATCH', `/api/v1/messages/${moved.id}`, { teamId: support.id, reason: 'Le jour répond' });
    expect((await messageOf(moved.id)).assignee?.name).toBe('Cy');
    for (const agent of [ana, bo]) await ok('PUT', '/api/v1/me/availability', { available: true }, agent);
    await clearRules();
  });

  it('a waiting queue is handed out, oldest first, to an available member added to the team or reactivated', async () => {
    const weekend = await teamNamed('Week-end');
    const [ana, bo, cy] = agents as [AgentClient, AgentClient, AgentClient];
    await ok('POST', `/api/v1/teams/${weekend}/members`, { userId: cy.user.id });
    await rule({
      name: 'Week-end',
      conditions: [{ kind: 'words', phrases: ['samedi'] }],
      actions: { teamId: weekend, assign: { kind: 'round_robin' } },
      stop: true,
    });
    // Cy, the only member, is deactivated: the messages wait.
    await ok('PATCH', `/api/v1/users/${cy.user.id}`, { active: false });
    const waitAll = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push((await write({ body: `Écrit samedi, numéro ${i}.`, locale: 'fr' })).id);
      for (const id of ids) expect((await messageOf(id)).assignee).toBeNull();
      return ids;
    };
    const handedInOrderTo = async (ids: string[], name: string) => {
      const at = [];
      for (const id of ids) {
        const { message, timeline } = await ok('GET', `/api/v1/messages/${id}`);
        expect(message.assignee?.name).toBe(name);
        at.push(timeline.find((event: { type: string }) => event.type === 'assigned').at);
      }
      expect(at).toEqual(at.toSorted());
    };

    // Reactivated (and available), Cy is handed the queue at once.
    const forCy = await waitAll(3);
    await ok('PATCH', `/api/v1/users/${cy.user.id}`, { active: true });
    await handedInOrderTo(forCy, 'Cy');
    agents[2] = await signIn(ecoute.url, { email: 'cy@shop.example', password: 'password of cy@shop.example' });

    // Cy is away; Ana, away too, joins: the messages still wait. Bo, available, joins and takes them all.
    await ok('PUT', '/api/v1/me/availability', { available: false }, agents[2]);
    await ok('PUT', '/api/v1/me/availability', { available: false }, ana);
    const forBo = await waitAll(3);
    await ok('POST', `/api/v1/teams/${weekend}/members`, { userId: ana.user.id });
    for (const id of forBo) expect((await messageOf(id)).assignee).toBeNull();
    await ok('POST', `/api/v1/teams/${weekend}/members`, { userId: bo.user.id });
    await handedInOrderTo(forBo, 'Bo');
    for (const agent of [ana, agents[2]]) await ok('PUT', '/api/v1/me/availability', { available: true }, agent);
    for (const agent of [ana, bo, agents[2]]) await ok('DELETE', `/api/v1/teams/${weekend}/members/${agent.user.id}`);
    await clearRules();
  });

  it('a move or an assignment records who, from where to where, and why', async () => {
    const billing = (await ok('GET', '/api/v1/teams')).items.find((team: { name: string }) => team.name === 'Billing');
    const message = await write({ body: 'Facture en double.', locale: 'fr' });
    await ok('PATCH', `/api/v1/messages/${message.id}`, {
      teamId: billing.id,
      assigneeId: agents[1]!.user.id,
      reason: 'Question de facturation',
    });
    await ok('PATCH', `/api/v1/messages/${message.id}`, { assigneeId: null });
    const { message: moved, timeline } = await ok('GET', `/api/v1/messages/${message.id}`);
    expect(moved).toMatchObject({ team: { id: billing.id, name: 'Billing' }, assignee: null });
    const events = timeline.filter((event: { type: string }) => ['moved', 'assigned'].includes(event.type));
    expect(events).toMatchObject([
      { type: 'moved', actor: { name: 'Admin' }, from: 'General', detail: 'Billing', text: 'Question de facturation' },
      { type: 'assigned', actor: { name: 'Admin' }, from: null, detail: 'Bo', text: 'Question de facturation' },
      { type: 'assigned', actor: { name: 'Admin' }, from: 'Bo', detail: null, text: null },
    ]);
    // The same team again changes nothing.
    await ok('PATCH', `/api/v1/messages/${message.id}`, { teamId: billing.id });
    expect((await ok('GET', `/api/v1/messages/${message.id}`)).timeline).toHaveLength(timeline.length);
    const unknown = await admin.request('PATCH', `/api/v1/messages/${message.id}`, {
      teamId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toBe('unknown_team');
  });

  it('the preview says what a draft or the list would do to the newest messages, and changes nothing', async () => {
    const before = await ecoute.app.db.execute<{ n: number }>(
      sql`select count(*)::int as n from timeline_events where type = 'routed'`,
    );
    const livraisons = (await ok('GET', '/api/v1/teams')).items.find(
      (team: { name: string }) => team.name === 'Livraisons',
    );
    const preview = await ok('POST', '/api/v1/routing-rules/preview', {
      rule: {
        name: 'Brouillon',
        match: 'all',
        conditions: [{ kind: 'words', phrases: ['livraisons'] }],
        actions: { teamId: livraisons.id, tags: ['colis'] },
        stop: false,
      },
    });
    expect(preview.examined).toBeGreaterThan(100);
    expect(preview.matches.length).toBeGreaterThanOrEqual(2);
    for (const match of preview.matches) {
      expect(match.message.excerpt.toLowerCase()).toContain('livraison');
      expect(match).toMatchObject({
        rules: [{ id: null, name: 'Brouillon', reasons: [{ kind: 'words', phrase: 'livraisons' }] }],
        team: { id: livraisons.id, name: 'Livraisons' },
        tags: ['colis'],
        assign: null,
      });
    }
    // Without a draft: the saved list (empty now) matches nothing.
    expect((await ok('POST', '/api/v1/routing-rules/preview', {})).matches).toEqual([]);
    const after = await ecoute.app.db.execute<{ n: number }>(
      sql`select count(*)::int as n from timeline_events where type = 'routed'`,
    );
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('the inbox has a team view (my teams) and filters by team, assignee, form, language and date', async () => {
    const [ana] = agents as [AgentClient];
    const list = async (query: string, as: AgentClient = admin) =>
      (await ok('GET', `/api/v1/messages?${query}&limit=100`, undefined, as)).items as Array<{
        team: { name: string };
        assignee: { name: string } | null;
        locale: string;
        createdAt: string;
      }>;
    const mine = await list('view=team', ana);
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((item) => item.team.name))).toEqual(new Set(['Support', 'Nuit']));
    // The first admin is in the default team only.
    expect(new Set((await list('view=team')).map((item) => item.team.name))).toEqual(new Set(['General']));
    const nuit = (await ok('GET', '/api/v1/teams')).items.find((team: { name: string }) => team.name === 'Nuit');
    expect((await list(`view=all&teamId=${nuit.id}`)).every((item) => item.team.name === 'Nuit')).toBe(true);
    expect((await list(`view=all&assigneeId=${ana.user.id}`)).every((item) => item.assignee?.name === 'Ana')).toBe(
      true,
    );
    expect((await list('view=all&assigneeId=none')).every((item) => item.assignee === null)).toBe(true);
    expect((await list('view=all&locale=en')).every((item) => item.locale === 'en')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect((await list(`view=all&from=${today}&to=${today}`)).length).toBe(100);
    expect(await list('view=all&to=2020-01-01')).toEqual([]);
    const email = await ecoute.app.db.execute<{ id: string }>(sql`select id from forms where key = 'email'`);
    expect((await list(`view=all&formId=${email.rows[0]!.id}`)).length).toBe(1);
    const counts = await ok('GET', '/api/v1/messages/counts', undefined, ana);
    expect(counts.team).toBeGreaterThan(0);
  });
});
