// The whole agent path through the API: a customer writes, an agent finds it in `unanswered`,
// replies with a commitment, the customer sees both, the commitment is kept, the message closes,
// and a customer's new words reopen it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type AgentClient, dueIn } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { postJson, tokenOf } from '../support/http.ts';

describe.each(databaseKinds)('the agent path on %s', (kind) => {
  let ecoute: RunningApp;
  let agent: AgentClient;
  beforeAll(async () => {
    ecoute = await startApp(kind);
    agent = await signIn(ecoute.url);
  });
  afterAll(() => ecoute.close());

  it('answers, commits, keeps the promise and closes, with the customer seeing every step', async () => {
    const sent = await postJson(`${ecoute.url}/api/v1/forms/demo/messages`, {
      body: 'Ma commande de chaises est arrivée avec un pied cassé. Pouvez-vous m’en renvoyer une ?',
      name: 'Héloïse Martin',
      email: 'heloise@example.org',
      locale: 'fr',
    });
    expect(sent.status).toBe(201);
    const token = tokenOf(sent.json.trackingUrl);

    const inbox = await agent.request('GET', '/api/v1/messages?view=unanswered');
    expect(inbox.status).toBe(200);
    const row = inbox.json.items.find((item: { id: string }) => item.id === sent.json.id);
    expect(row).toMatchObject({ status: 'unanswered', customerName: 'Héloïse Martin', reference: sent.json.reference });

    const template = await agent.request('POST', '/api/v1/templates', {
      name: 'Produit abîmé',
      body: 'Bonjour {{customer.name}},\nnous sommes désolés. Référence {{reference}}.\n{{agent.name}}',
      locale: 'fr',
    });
    expect(template.status).toBe(201);

    const reply = await agent.request('POST', `/api/v1/messages/${sent.json.id}/replies`, {
      body: 'Bonjour Héloïse, désolés pour ce pied cassé : une chaise neuve part demain.',
      commitments: [{ description: 'Envoyer une chaise neuve', dueOn: dueIn(1148) }],
    });
    expect(reply.status).toBe(201);
    expect(reply.json.status).toBe('committed');
    expect(reply.json.warnings).toEqual([]);
    expect(reply.json.commitments).toHaveLength(1);
    const commitment = reply.json.commitments[0];
    expect(commitment).toMatchObject({ status: 'open', dueOn: dueIn(1148), owner: { id: agent.user.id } });

    let tracking = (await fetch(`${ecoute.url}/api/v1/tracking/${token}`).then((r) => r.json())) as any;
    expect(tracking.status).toBe('committed');
    expect(tracking.timeline.map((e: { type: string }) => e.type)).toEqual(['acknowledged', 'reply']);
    expect(tracking.timeline[1]).toMatchObject({
      author: 'team',
      text: 'Bonjour Héloïse, désolés pour ce pied cassé : une chaise neuve part demain.',
      commitments: [{ description: 'Envoyer une chaise neuve', dueOn: dueIn(1148), status: 'open' }],
    });

    const kept = await agent.request('POST', `/api/v1/commitments/${commitment.id}/fulfil`, {
      outcome: 'La chaise neuve a été livrée le 12 janvier.',
    });
    expect(kept.status).toBe(200);
    expect(kept.json.status).toBe('closed');
    expect(kept.json.commitment.status).toBe('fulfilled');

    tracking = await fetch(`${ecoute.url}/api/v1/tracking/${token}`).then((r) => r.json());
    expect(tracking.status).toBe('closed');
    expect(tracking.timeline.at(-1)).toMatchObject({
      type: 'commitment_fulfilled',
      text: 'La chaise neuve a été livrée le 12 janvier.',
      commitment: 'Envoyer une chaise neuve',
    });
    const page = await fetch(`${ecoute.url}/t/${token}`).then((r) => r.text());
    expect(page).toContain('Envoyer une chaise neuve');
    expect(page).toContain('La chaise neuve a été livrée le 12 janvier.');

    const again = await agent.request('POST', `/api/v1/commitments/${commitment.id}/drop`, { reason: 'trop tard' });
    expect(again.status).toBe(409);

    const closed = await agent.request('GET', '/api/v1/messages?view=closed');
    expect(closed.json.items.map((item: { id: string }) => item.id)).toContain(sent.json.id);

    const more = await postJson(`${ecoute.url}/api/v1/tracking/${token}/messages`, { body: 'Merci ! Et la facture ?' });
    expect(more.status).toBe(201);
    const detail = await agent.request('GET', `/api/v1/messages/${sent.json.id}`);
    expect(detail.json.message.status).toBe('unanswered');
    // The customer left an address: each step was also written to them (held: no mail server here).
    expect(detail.json.emails.map((email: { kind: string }) => email.kind)).toEqual([
      'acknowledgement',
      'reply',
      'commitment_kept',
    ]);
    const steps = detail.json.timeline.filter((e: { type: string }) => e.type !== 'email');
    expect(steps.map((e: { type: string }) => e.type)).toEqual([
      'acknowledged',
      'reply',
      'commitment_fulfilled',
      'customer_message',
    ]);
    expect(steps[1].actor).toEqual({ id: agent.user.id, name: agent.user.name });
  });
});
