// Forms as admins set them (/api/v1/forms): every field validated in the contract's error shape, who
// may read and write, a key that cannot change once pages have sent messages, archiving instead of
// deleting, and the hosted form, the widget's status and the acknowledgement following an update.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, call, createAgent, fromNewClientIp, signIn, type AgentClient } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { trackingOf } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { postJson, tokenOf } from '../support/http.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const UNKNOWN_ID = '6f1c1a9e-3f0b-4c55-9a43-2d8d7f0e1b2c';

describe.each(databaseKinds)('form settings on %s', (kind) => {
  let ecoute: RunningApp;
  let sink: SmtpSink;
  let admin: AgentClient;
  let manager: AgentClient;
  let agent: AgentClient;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ecoute = await startApp(kind, { ECOUTE_TRUST_PROXY: '127.0.0.1', SMTP_URL: sink.url });
    admin = await signIn(ecoute.url, ADMIN, fromNewClientIp());
    manager = await createAgent(
      ecoute.url,
      admin,
      { email: 'max@example.org', name: 'Max Manager', role: 'manager' },
      fromNewClientIp(),
    );
    agent = await createAgent(
      ecoute.url,
      admin,
      { email: 'ana@example.org', name: 'Ana Agent', role: 'agent' },
      fromNewClientIp(),
    );
  });
  afterAll(async () => {
    await ecoute?.close();
    await sink?.stop();
  });

  const submit = (key: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    postJson(`${ecoute.url}/api/v1/forms/${key}/messages`, body, headers);

  it('an admin creates a form, reads it back and lists it; managers read it, agents its name only', async () => {
    // Asked for before it exists (the settings page's preview does): the creation is seen at once all the same.
    expect((await call(ecoute.url, 'GET', '/f/boutique')).status).toBe(404);
    const created = await admin.request('POST', '/api/v1/forms', {
      key: 'boutique',
      name: '  La boutique  ',
      allowedOrigins: ['https://shop.example', 'http://127.0.0.1:8080'],
      defaultLocale: 'fr',
      acknowledgements: { fr: 'Bonjour {{name}}, la boutique a bien reçu votre message {{reference}}.' },
      accent: '#1B5E20',
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      id: expect.any(String),
      key: 'boutique',
      name: 'La boutique',
      allowedOrigins: ['https://shop.example', 'http://127.0.0.1:8080'],
      defaultLocale: 'fr',
      acknowledgements: { fr: 'Bonjour {{name}}, la boutique a bien reçu votre message {{reference}}.', en: null },
      accent: '#1b5e20',
      archived: false,
      messageCount: 0,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await call(ecoute.url, 'GET', '/f/boutique')).status).toBe(200);
    const read = await manager.request('GET', `/api/v1/forms/${created.json.id}`);
    expect(read.json).toEqual(created.json);
    const listed = await manager.request('GET', '/api/v1/forms');
    expect(listed.json.items.map((form: { key: string }) => form.key)).toEqual(
      expect.arrayContaining(['demo', 'boutique']),
    );
    expect(listed.json.items.find((form: { key: string }) => form.key === 'boutique')).toEqual(created.json);
    // Agents read the names, to filter the inbox by form: nothing of the settings.
    const names = await agent.request('GET', '/api/v1/forms');
    expect(names.status).toBe(200);
    expect(names.json.items.find((form: { key: string }) => form.key === 'boutique')).toEqual({
      id: created.json.id,
      key: 'boutique',
      name: created.json.name,
      archived: false,
    });
    expect(names.json.items.every((form: object) => Object.keys(form).length === 4)).toBe(true);
    expectApiError(await agent.request('GET', `/api/v1/forms/${created.json.id}`), 403, 'forbidden');
    expectApiError(await call(ecoute.url, 'GET', '/api/v1/forms'), 401);
    expectApiError(await manager.request('GET', `/api/v1/forms/${UNKNOWN_ID}`), 404, 'not_found');
    expectApiError(await manager.request('GET', '/api/v1/forms/boutique'), 400, 'invalid_request');
  });

  it('only admins write: agents and managers are refused, and nothing changes', async () => {
    const { json: form } = await admin.request('POST', '/api/v1/forms', { key: 'droits', name: 'Droits' });
    for (const client of [agent, manager]) {
      expectApiError(await client.request('POST', '/api/v1/forms', { key: 'pirate', name: 'Pirate' }), 403);
      expectApiError(await client.request('PATCH', `/api/v1/forms/${form.id}`, { name: 'Pirate' }), 403);
      expectApiError(await client.request('DELETE', `/api/v1/forms/${form.id}`), 403);
    }
    expectApiError(
      await admin.request('PATCH', `/api/v1/forms/${form.id}`, { name: 'x' }, { 'x-csrf-token': 'wrong' }),
      403,
    );
    expect((await admin.request('GET', `/api/v1/forms/${form.id}`)).json).toMatchObject({ name: 'Droits' });
    expect((await admin.request('GET', '/api/v1/forms')).json.items).not.toContainEqual(
      expect.objectContaining({ key: 'pirate' }),
    );
  });

  it('refuses each invalid field by name, in the contract’s error shape', async () => {
    const valid = { key: 'valide', name: 'Valide' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'Sans clé' }, 'key'],
      [{ key: 'Majuscules', name: 'x' }, 'key'],
      [{ key: 'avec espace', name: 'x' }, 'key'],
      [{ key: 'tiret-', name: 'x' }, 'key'],
      [{ key: 'a'.repeat(51), name: 'x' }, 'key'],
      [{ key: 'sans-nom' }, 'name'],
      [{ ...valid, name: '   ' }, 'name'],
      [{ ...valid, name: 'n'.repeat(101) }, 'name'],
      [{ ...valid, allowedOrigins: 'https://shop.example' }, 'allowedOrigins'],
      [{ ...valid, allowedOrigins: ['https://shop.example/'] }, 'allowedOrigins.0'],
      [{ ...valid, allowedOrigins: ['https://ok.example', 'shop.example'] }, 'allowedOrigins.1'],
      [{ ...valid, allowedOrigins: ['https://SHOP.example'] }, 'allowedOrigins.0'],
      [{ ...valid, allowedOrigins: ['null'] }, 'allowedOrigins.0'],
      [{ ...valid, allowedOrigins: ['https://a.example', 'https://a.example'] }, 'allowedOrigins.1'],
      [{ ...valid, allowedOrigins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example`) }, 'allowedOrigins'],
      [{ ...valid, defaultLocale: 'de' }, 'defaultLocale'],
      [{ ...valid, accent: 'red' }, 'accent'],
      [{ ...valid, accent: '#12345' }, 'accent'],
      [{ ...valid, accent: '#3b5bdb80' }, 'accent'],
      [{ ...valid, accent: '#ffdd00' }, 'accent'],
      [{ ...valid, accent: 'blue;}:host{display:none' }, 'accent'],
      [{ ...valid, acknowledgements: { fr: 'Bonjour {{prenom}}' } }, 'acknowledgements.fr'],
      [{ ...valid, acknowledgements: { en: 'Hello {{name}' } }, 'acknowledgements.en'],
      [{ ...valid, acknowledgements: { en: '' } }, 'acknowledgements.en'],
      [{ ...valid, acknowledgements: { en: 'x'.repeat(1001) } }, 'acknowledgements.en'],
      [{ ...valid, acknowledgements: 'Bonjour' }, 'acknowledgements'],
    ];
    for (const [body, field] of cases) {
      const response = await admin.request('POST', '/api/v1/forms', body);
      expectApiError(response, 400, 'invalid_request');
      expect(Object.keys(response.json.error.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    const { json: form } = await admin.request('POST', '/api/v1/forms', valid);
    for (const [body, field] of cases.filter(([body]) => 'key' in body && 'name' in body)) {
      const { key: _key, name: _name, ...change } = body;
      if (Object.keys(change).length === 0) continue;
      const response = await admin.request('PATCH', `/api/v1/forms/${form.id}`, change);
      expectApiError(response, 400, 'invalid_request');
      expect(Object.keys(response.json.error.fields ?? {}), JSON.stringify(change)).toContain(field);
    }
    expectApiError(await admin.request('PATCH', `/api/v1/forms/${form.id}`, {}), 400, 'invalid_request');
    expectApiError(await admin.request('PATCH', `/api/v1/forms/${form.id}`, { archived: 'yes' }), 400);
    expectApiError(await admin.request('PATCH', `/api/v1/forms/${UNKNOWN_ID}`, { name: 'x' }), 404, 'not_found');
    expectApiError(await admin.request('POST', '/api/v1/forms', '{"key":'), 400);
    expect((await admin.request('GET', `/api/v1/forms/${form.id}`)).json).toMatchObject({ key: 'valide' });
  });

  it('keeps keys unique, and the key fixed once the form has messages', async () => {
    const { json: form } = await admin.request('POST', '/api/v1/forms', { key: 'cle', name: 'Clé' });
    expectApiError(await admin.request('POST', '/api/v1/forms', { key: 'cle', name: 'Autre' }), 409, 'form_key_taken');
    expectApiError(await admin.request('PATCH', `/api/v1/forms/${form.id}`, { key: 'demo' }), 409, 'form_key_taken');
    // No message yet: a mistyped key may be corrected.
    const renamed = await admin.request('PATCH', `/api/v1/forms/${form.id}`, { key: 'cle-2' });
    expect(renamed.json).toMatchObject({ key: 'cle-2' });
    expect((await submit('cle-2', { body: 'Première remarque.' })).status).toBe(201);
    const locked = await admin.request('PATCH', `/api/v1/forms/${form.id}`, { key: 'cle-3', name: 'Nouveau nom' });
    expectApiError(locked, 409, 'form_key_locked');
    expect(locked.json.error.message).toMatch(/cannot change: the form has messages/);
    expect(locked.json.error.fields).toEqual({ key: 'cannot change once the form has messages' });
    // Refused as a whole: the name did not change either. The same key is no change.
    expect((await admin.request('GET', `/api/v1/forms/${form.id}`)).json).toMatchObject({
      key: 'cle-2',
      name: 'Clé',
      messageCount: 1,
    });
    expect((await admin.request('PATCH', `/api/v1/forms/${form.id}`, { key: 'cle-2', name: 'Nom' })).status).toBe(200);
    const listed = (await admin.request('GET', '/api/v1/forms')).json.items;
    expect(listed.find((item: { id: string }) => item.id === form.id)).toMatchObject({ key: 'cle-2', messageCount: 1 });
    expect(listed.find((item: { key: string }) => item.key === 'droits')).toMatchObject({ messageCount: 0 });
  });

  it('deletes a form without messages; one with messages is archived instead, and can take messages again', async () => {
    const { json: empty } = await admin.request('POST', '/api/v1/forms', { key: 'erreur', name: 'Erreur' });
    expect((await admin.request('DELETE', `/api/v1/forms/${empty.id}`)).status).toBe(204);
    expectApiError(await admin.request('DELETE', `/api/v1/forms/${empty.id}`), 404, 'not_found');
    expect((await call(ecoute.url, 'GET', '/f/erreur')).status).toBe(404);

    const { json: used } = await admin.request('POST', '/api/v1/forms', { key: 'ancien', name: 'Ancien site' });
    const sent = await submit('ancien', { body: 'Un message à garder.' });
    expect(sent.status).toBe(201);
    const refused = await admin.request('DELETE', `/api/v1/forms/${used.id}`);
    expectApiError(refused, 409, 'form_has_messages');
    expect(refused.json.error.message).toMatch(/archive it instead/);

    const archived = await admin.request('PATCH', `/api/v1/forms/${used.id}`, { archived: true });
    expect(archived.json).toMatchObject({ archived: true, messageCount: 1 });
    // No more messages, by any way in; the message and its tracking page stay.
    expectApiError(await submit('ancien', { body: 'Trop tard.' }), 404, 'form_not_found');
    expect((await call(ecoute.url, 'GET', '/f/ancien')).status).toBe(404);
    expect((await call(ecoute.url, 'GET', '/api/v1/forms/ancien/status?origin=https://x.example')).status).toBe(404);
    expect((await trackingOf(ecoute.url, tokenOf(sent.json.trackingUrl))).message.body).toBe('Un message à garder.');
    expect((await agent.request('GET', `/api/v1/messages/${sent.json.id}`)).status).toBe(200);

    expect((await admin.request('PATCH', `/api/v1/forms/${used.id}`, { archived: false })).json.archived).toBe(false);
    expect((await submit('ancien', { body: 'De retour.' })).status).toBe(201);
  });

  it('an update reaches the submission, the tracking page, the widget’s status and the hosted form at once', async () => {
    const { json: form } = await admin.request('POST', '/api/v1/forms', {
      key: 'suivi',
      name: 'Suivi',
      allowedOrigins: ['https://old.example'],
    });
    const before = await submit('suivi', { body: 'Avant.', locale: 'en', name: 'Lou' });
    expect(before.json.acknowledgement.text).toMatch(/^Hello Lou, thank you for your message/);
    expect((await call(ecoute.url, 'GET', '/f/suivi')).status).toBe(200);
    const oldOrigin = await submit('suivi', { body: 'Vieux site.' }, { origin: 'https://old.example' });
    expect(oldOrigin.status).toBe(201);

    const changed = await admin.request('PATCH', `/api/v1/forms/${form.id}`, {
      allowedOrigins: ['https://new.example'],
      acknowledgements: {
        en: 'Thanks {{name}}! Your reference is {{reference}}.',
        fr: 'Merci {{name}} ! ({{reference}})',
      },
      accent: '#7b1fa2',
    });
    expect(changed.status).toBe(200);

    const after = await submit('suivi', { body: 'After.', locale: 'en', name: 'Lou' });
    const { reference, trackingUrl } = after.json;
    expect(after.json.acknowledgement.text).toBe(
      `Thanks Lou! Your reference is ${reference}. You can follow the answer and write to us again here: ${trackingUrl}`,
    );
    const french = await submit('suivi', { body: 'Après.', locale: 'fr' });
    expect(french.json.acknowledgement.text).toMatch(new RegExp(`^Merci ! \\(${french.json.reference}\\) Vous pouvez`));
    expectApiError(await submit('suivi', { body: 'Vieux site.' }, { origin: 'https://old.example' }), 403);
    expect((await submit('suivi', { body: 'Nouveau.' }, { origin: 'https://new.example' })).status).toBe(201);

    // What the customer was told stays what they were told, on their page and on the agent's timeline.
    const ackOf = async (trackingUrl: string) =>
      (await trackingOf(ecoute.url, tokenOf(trackingUrl))).timeline.find(
        (e: { type: string }) => e.type === 'acknowledged',
      ).text;
    expect(await ackOf(before.json.trackingUrl)).toMatch(/^Hello Lou, thank you/);
    expect(await ackOf(trackingUrl)).toBe(`Thanks Lou! Your reference is ${reference}.`);
    const timeline = (await agent.request('GET', `/api/v1/messages/${after.json.id}`)).json.timeline;
    expect(timeline.find((e: { type: string }) => e.type === 'acknowledged').text).toBe(
      `Thanks Lou! Your reference is ${reference}.`,
    );
    // Replayed with the same key after another change: the same receipt, in the words first said.
    const key = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const first = await submit('suivi', { body: 'Rejoué.', locale: 'en' }, { 'idempotency-key': key });
    const merged = await admin.request('PATCH', `/api/v1/forms/${form.id}`, { acknowledgements: { en: null } });
    // A language left out keeps its words; null gives the other Ecoute's back.
    expect(merged.json.acknowledgements).toEqual({ fr: 'Merci {{name}} ! ({{reference}})', en: null });
    const replay = await submit('suivi', { body: 'Rejoué.', locale: 'en' }, { 'idempotency-key': key });
    expect(replay.json.acknowledgement.text).toBe(first.json.acknowledgement.text);
    expect(replay.json.acknowledgement.text).toMatch(/^Thanks! Your reference/);
    const plain = await submit('suivi', { body: 'Sans texte.', locale: 'en' });
    expect(plain.json.acknowledgement.text).toMatch(/^Hello, thank you for your message/);

    const status = await call(ecoute.url, 'GET', '/api/v1/forms/suivi/status?origin=https://new.example');
    expect(status.json).toMatchObject({ accent: '#7b1fa2', acceptsOrigin: true });
    expect(status.headers.get('cache-control')).toBe('public, max-age=3');
    const page = await (await fetch(`${ecoute.url}/f/suivi`)).text();
    expect(page).toContain('<link rel="stylesheet" href="/assets/accent/7b1fa2.css">');
    const css = await fetch(`${ecoute.url}/assets/accent/7b1fa2.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toBe(':root{--accent:#7b1fa2}\n');
    expect((await fetch(`${ecoute.url}/assets/accent/red.css`)).status).toBe(400);
    expect(await (await fetch(`${ecoute.url}/f/demo`)).text()).not.toContain('/assets/accent/');
  });

  it('the acknowledgement email says the words the form had when the message came', async () => {
    const { json: form } = await admin.request('POST', '/api/v1/forms', {
      key: 'courriel',
      name: 'Courriel',
      acknowledgements: { fr: 'Bonjour {{name}}, votre message {{reference}} est entre de bonnes mains.' },
    });
    const to = `lea.${kind}@example.org`;
    const sent = await submit('courriel', { body: 'Une question.', name: 'Léa', email: to, locale: 'fr' });
    expect(sent.status).toBe(201);
    // Changed right away: the email, composed when it is sent, still says what the customer was shown.
    await admin.request('PATCH', `/api/v1/forms/${form.id}`, {
      acknowledgements: { fr: 'Autres mots {{reference}}.' },
    });
    await expect
      .poll(() => sink.received.filter((email) => email.envelope.to.includes(to)).length, { timeout: 20_000 })
      .toBe(1);
    const [email] = sink.received.filter((received) => received.envelope.to.includes(to));
    expect(email!.parsed.text).toContain(
      `Bonjour Léa, votre message ${sent.json.reference} est entre de bonnes mains.`,
    );
    expect(email!.parsed.text).not.toContain('Autres mots');
  });
});
