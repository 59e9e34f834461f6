// The team's reminders, read at a real SMTP server: a commitment due tomorrow and one overdue reach
// its owner and the managers, a message unanswered too long reaches the managers, each once however
// often the check runs, in the message's language, with the link to the message.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindTeam } from '../../server/src/domain/remind-team.ts';
import { ADMIN, createAgent, dueIn, signIn, type AgentClient } from '../support/agent.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { writeMessage } from '../support/customer.ts';
import { databaseKinds } from '../support/databases.ts';
import { startSmtpSink, type ReceivedEmail, type SmtpSink } from '../support/smtp-sink.ts';

const DAY = 86_400_000;

describe.each(databaseKinds)('reminders to the team on %s', (kind) => {
  let sink: SmtpSink;
  let ecoute: RunningApp;
  let admin: AgentClient;
  let agent: AgentClient;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ecoute = await startApp(kind, { SMTP_URL: sink.url });
    admin = await signIn(ecoute.url);
    agent = await createAgent(ecoute.url, admin, { email: 'owner@example.org', name: 'Owner', role: 'agent' });
    await createAgent(ecoute.url, admin, { email: 'manager@example.org', name: 'Manager', role: 'manager' });
  });
  afterAll(async () => {
    await ecoute?.close();
    await sink?.stop();
  });

  const check = (now = new Date()) => remindTeam(ecoute.app.db, ecoute.app.outbox, { unansweredAfterMs: DAY, now });
  const to = (address: string, subject: string) =>
    sink.received.filter((email) => email.envelope.to.includes(address) && email.parsed.subject?.includes(subject));
  const settle = async (count: number): Promise<ReceivedEmail[]> => {
    await sink.waitFor(count);
    // Nothing more comes: what was asked twice was queued once.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return sink.received;
  };

  it('tells the owner and the managers of a commitment due tomorrow, then overdue, once each', async () => {
    const message = await writeMessage(ecoute.url, { body: 'Où est mon colis ?', locale: 'fr' });
    const replied = await agent.request('POST', `/api/v1/messages/${message.id}/replies`, {
      body: 'Bonjour, nous le cherchons.',
      commitments: [{ description: 'Retrouver le colis', dueOn: dueIn(1) }],
    });
    expect(replied.status).toBe(201);
    const before = sink.received.length;
    await check();
    await check();
    await settle(before + 3);
    const due = (address: string) => to(address, 'Engagement dû demain : Retrouver le colis');
    expect(due('owner@example.org')).toHaveLength(1);
    expect(due('manager@example.org')).toHaveLength(1);
    expect(due(ADMIN.email)).toHaveLength(1);
    const email = due('owner@example.org')[0]!;
    expect(email.parsed.subject).toBe(`[${message.reference}] Engagement dû demain : Retrouver le colis`);
    expect(email.parsed.text).toContain(`${ecoute.url}/messages/${message.id}`);
    expect(email.parsed.text).toContain('Où est mon colis ?');
    expect(email.header('auto-submitted')).toBe('auto-generated');
    // Team emails are not on the customer's thread and carry no reply address of the customer's.
    expect(email.parsed.replyTo).toBeUndefined();
    expect(email.parsed.inReplyTo).toBeUndefined();

    // Two days later it is overdue: a new state, a new reminder; then silence again.
    const later = new Date(Date.now() + 2 * DAY);
    const beforeOverdue = sink.received.length;
    await check(later);
    await check(later);
    await settle(beforeOverdue + 3);
    expect(to('owner@example.org', 'Engagement en retard')).toHaveLength(1);
    expect(sink.received.length).toBe(beforeOverdue + 3);
  });

  it('tells the managers, not the agents, of a message unanswered for too long, once per wait', async () => {
    const message = await writeMessage(ecoute.url, { body: 'My invoice is wrong.', locale: 'en' });
    await ecoute.app.db.execute(
      sql`update messages set waiting_since = now() - interval '25 hours' where id = ${message.id}`,
    );
    const before = sink.received.length;
    await check();
    await check();
    await settle(before + 2);
    const subject = `[${message.reference}] Message still unanswered`;
    expect(to('manager@example.org', subject)).toHaveLength(1);
    expect(to(ADMIN.email, subject)).toHaveLength(1);
    expect(to('owner@example.org', subject)).toHaveLength(0);
    expect(to('manager@example.org', subject)[0]!.parsed.text).toContain('My invoice is wrong.');

    // Answered, it is not reminded of again.
    await agent.request('POST', `/api/v1/messages/${message.id}/replies`, { body: 'Hello, we fixed it.' });
    const afterReply = sink.received.length;
    await check();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sink.received.filter((email) => email.parsed.subject === subject)).toHaveLength(2);
    expect(sink.received.length).toBe(afterReply);
  });
});
