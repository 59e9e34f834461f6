// Every timeline event type, made through the API, and who reads it: agents see every one on the
// message's timeline; the customer's tracking JSON and page show exactly the public ones. Both lists
// below are keyed by TimelineType, so a type added later fails the typecheck until it is placed here.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineType } from '@ecoute/shared/agent-contract';
import { TIMELINE_EVENTS, TIMELINE_TYPES } from '@ecoute/shared/timeline-events';
import { call, dueIn, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { trackingOf, trackingPageOf, writeAgain, writeMessage, type WrittenMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { INBOUND_ENV, postMail, recordSentEmail } from '../support/inbound-mail.ts';
import { mailFixture } from '../support/mail-fixtures.ts';

/** Who should read each type: written out by hand, not derived, so that the two are compared. */
const CUSTOMER_SEES: Record<TimelineType, boolean> = {
  acknowledged: true,
  customer_message: true,
  reply: true,
  commitment_fulfilled: true,
  commitment_dropped: true,
  note: false,
  tagged: false,
  untagged: false,
  marked_spam: false,
  unmarked_spam: false,
  assigned: false,
  moved: false,
  routed: false,
  email_bounced: false,
  mail_attached: false,
  email: false,
  customer_emails: false,
  customer_day_pinned: false,
  customer_day_unpinned: false,
};

/** Words that only an internal event carries: they must never reach the customer. */
const INTERNAL_WORDS = 'colleagues-only-words';

describe.each(databaseKinds)('who sees each timeline event on %s', (kind) => {
  let ecoute: RunningApp;
  let admin: AgentClient;
  let otherTeam: string;

  const post = async (path: string, body?: unknown) => {
    const response = await admin.request('POST', path, body);
    expect(response.status, path).toBeLessThan(300);
    return response.json;
  };
  const promise = async (message: WrittenMessage) =>
    (
      await post(`/api/v1/messages/${message.id}/replies`, {
        body: 'Bonjour, nous nous en occupons.',
        commitments: [{ description: 'Rappeler', dueOn: dueIn(2) }],
      })
    ).commitments[0].id as string;

  /** Makes an event of each type on a fresh message (with what must come before it). */
  const MAKE: Record<TimelineType, (message: WrittenMessage) => Promise<unknown>> = {
    acknowledged: async () => {},
    customer_message: (message) => writeAgain(ecoute.url, message.token, 'Et encore une chose.'),
    reply: (message) => post(`/api/v1/messages/${message.id}/replies`, { body: 'Bonjour, c’est fait.' }),
    commitment_fulfilled: async (message) =>
      post(`/api/v1/commitments/${await promise(message)}/fulfil`, { outcome: 'Rappelé ce matin.' }),
    commitment_dropped: async (message) =>
      post(`/api/v1/commitments/${await promise(message)}/drop`, { reason: 'Plus nécessaire.' }),
    note: (message) => post(`/api/v1/messages/${message.id}/notes`, { body: INTERNAL_WORDS }),
    tagged: (message) => admin.request('PUT', `/api/v1/messages/${message.id}/tags`, { tags: [INTERNAL_WORDS] }),
    untagged: async (message) => {
      await admin.request('PUT', `/api/v1/messages/${message.id}/tags`, { tags: [INTERNAL_WORDS] });
      await admin.request('PUT', `/api/v1/messages/${message.id}/tags`, { tags: [] });
    },
    marked_spam: (message) => post(`/api/v1/messages/${message.id}/spam`),
    unmarked_spam: async (message) => {
      await post(`/api/v1/messages/${message.id}/spam`);
      await post(`/api/v1/messages/${message.id}/not-spam`);
    },
    email_bounced: async (message) => {
      const { bounceAddress, rfcMessageId } = await recordSentEmail(ecoute, message.id);
      await postMail(ecoute.url, mailFixture('dsn-postfix.eml', { bounce: bounceAddress, messageId: rfcMessageId }));
    },
    mail_attached: async (message) => {
      const raw = mailFixture('new-mail-fr.eml').toString().replace('new-mail-fr-42', `attached-${message.id}`);
      const mail = await postMail(ecoute.url, raw.replace('contact@ecoute.example', 'someone@elsewhere.example'));
      await post(`/api/v1/inbound-mails/${mail.json.id}/attach`, { messageId: message.id });
    },
    assigned: async (message) => {
      const me = (await admin.request('GET', '/api/v1/auth/me')).json.user.id;
      const response = await admin.request('PATCH', `/api/v1/messages/${message.id}`, {
        assigneeId: me,
        reason: INTERNAL_WORDS,
      });
      expect(response.status).toBe(200);
    },
    moved: async (message) => {
      const response = await admin.request('PATCH', `/api/v1/messages/${message.id}`, {
        teamId: otherTeam,
        reason: INTERNAL_WORDS,
      });
      expect(response.status).toBe(200);
    },
    // The rule made in beforeAll routes the message as it arrives: its name and tag are internal.
    routed: async () => {},
    // A customer with an address is written to: the email's events carry the address, for agents only.
    email: async (message) => {
      await ecoute.app.db.execute(
        sql`update messages set customer_email = ${`${INTERNAL_WORDS}@example.org`} where id = ${message.id}`,
      );
      await post(`/api/v1/messages/${message.id}/replies`, { body: 'Bonjour, c’est fait.' });
    },
    customer_emails: async (message) => {
      await ecoute.app.db.execute(sql`update messages set customer_email = 'lea@example.org' where id = ${message.id}`);
      const response = await call(ecoute.url, 'PUT', `/api/v1/tracking/${message.token}/emails`, { state: 'off' });
      expect(response.status).toBe(200);
    },
    // The manager's note is for colleagues: it must not reach the customer.
    customer_day_pinned: (message) =>
      admin.request('PUT', `/api/v1/messages/${message.id}/customer-day-pin`, { note: INTERNAL_WORDS }),
    customer_day_unpinned: async (message) => {
      await admin.request('PUT', `/api/v1/messages/${message.id}/customer-day-pin`, { note: INTERNAL_WORDS });
      expect((await admin.request('DELETE', `/api/v1/messages/${message.id}/customer-day-pin`)).status).toBe(204);
    },
  };

  beforeAll(async () => {
    ecoute = await startApp(kind, INBOUND_ENV);
    admin = await signIn(ecoute.url);
    otherTeam = (await post('/api/v1/teams', { name: 'Livraisons' })).id;
    await post('/api/v1/routing-rules', {
      name: INTERNAL_WORDS,
      match: 'all',
      conditions: [{ kind: 'words', phrases: ['make routed'] }],
      actions: { teamId: otherTeam, tags: [INTERNAL_WORDS] },
      stop: true,
    });
  });
  afterAll(() => ecoute.close());

  it('the hand-written audiences are the ones the shared union declares', () => {
    expect(TIMELINE_TYPES.toSorted()).toEqual(Object.keys(CUSTOMER_SEES).toSorted());
    for (const type of TIMELINE_TYPES) {
      expect(TIMELINE_EVENTS[type].visibility, type).toBe(CUSTOMER_SEES[type] ? 'public' : 'internal');
    }
  });

  it.each(TIMELINE_TYPES)('%s: on the agent timeline; on the tracking JSON and page only if public', async (type) => {
    const message = await writeMessage(ecoute.url, { body: `A message to make ${type}.`, locale: 'fr' });
    await MAKE[type](message);

    const detail = (await admin.request('GET', `/api/v1/messages/${message.id}`)).json;
    const agentTypes = detail.timeline.map((event: { type: string }) => event.type);
    expect(agentTypes).toContain(type);

    const tracking = await trackingOf(ecoute.url, message.token);
    const customerTypes = tracking.timeline.map((event: { type: string }) => event.type);
    expect(customerTypes.includes(type)).toBe(CUSTOMER_SEES[type]);
    // The customer's page never shows more than the public events the agent sees.
    expect(customerTypes).toEqual(agentTypes.filter((agentType: TimelineType) => CUSTOMER_SEES[agentType]));

    const page = await trackingPageOf(ecoute.url, message.token);
    expect(page.includes(`event-${type} `)).toBe(CUSTOMER_SEES[type]);
    expect(page).not.toContain(INTERNAL_WORDS);
    expect(JSON.stringify(tracking)).not.toContain(INTERNAL_WORDS);
  });
});
