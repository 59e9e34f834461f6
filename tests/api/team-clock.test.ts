// A team's clock through the API, on both databases: admins set a time zone (IANA names only) and
// working hours (spans that end after they start), refusals name the field; agents cannot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';

describe.each(databaseKinds)('team time zones and working hours on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let ana: AgentClient;
  let team: string;

  beforeAll(async () => {
    ecoute = await startApp(kind);
    admin = await signIn(ecoute.url);
    ana = await createAgent(ecoute.url, admin, { email: 'ana@shop.example', name: 'Ana', role: 'agent' });
    team = (await admin.request('POST', '/api/v1/teams', { name: 'Paris' })).json.id;
  });
  afterAll(() => ecoute.close());

  it('starts around the clock in UTC, and takes a zone and hours', async () => {
    const created = await admin.request('GET', '/api/v1/teams');
    expect(created.json.items.find((item: { id: string }) => item.id === team)).toMatchObject({
      timeZone: 'UTC',
      workingHours: null,
      acknowledgeTargetMinutes: 1,
    });
    const hours = {
      mon: [
        { from: '09:00', to: '12:30' },
        { from: '14:00', to: '24:00' },
      ],
      sat: [],
    };
    const changed = await admin.request('PATCH', `/api/v1/teams/${team}`, {
      timeZone: 'Europe/Paris',
      workingHours: hours,
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ timeZone: 'Europe/Paris', workingHours: hours });
    const back = await admin.request('PATCH', `/api/v1/teams/${team}`, { workingHours: null });
    expect(back.json.workingHours).toBeNull();
  });

  it('refuses unknown zones and spans that do not end after they start, naming the field', async () => {
    for (const [body, field] of [
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ timeZone: '+01:00' }, 'timeZone'],
      [{ workingHours: { mon: [{ from: '17:00', to: '09:00' }] } }, 'workingHours.mon.0'],
      [{ workingHours: { mon: [{ from: '9:00', to: '17:00' }] } }, 'workingHours.mon.0.from'],
      [{ workingHours: { monday: [{ from: '09:00', to: '17:00' }] } }, 'workingHours.monday'],
    ] as const) {
      const response = await admin.request('PATCH', `/api/v1/teams/${team}`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json.error.code).toBe('invalid_request');
      expect(Object.keys(response.json.error.fields), JSON.stringify(response.json)).toContain(field);
    }
    const created = await admin.request('POST', '/api/v1/teams', { name: 'Nowhere', timeZone: 'Nowhere/City' });
    expect(created.status).toBe(400);
    expect(created.json.error.fields).toHaveProperty('timeZone');
  });

  it('is changed by admins only', async () => {
    expect((await ana.request('PATCH', `/api/v1/teams/${team}`, { timeZone: 'Europe/Paris' })).status).toBe(403);
  });
});
