// @vitest-environment jsdom
// The message page's emails, on the real components: each email with its kind, recipient, state in
// words and, when it did not leave, why; the customer's address with whether Ecoute still writes to
// it, and the customer's choices on the timeline as theirs; in both languages.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentTimelineEvent, EmailSummary, MessageDetail } from '@ecoute/shared/agent-contract';
import '../../../testing/jsdom-polyfills.ts';
import { message } from '../../../testing/fixtures.ts';
import { initI18n } from '../../../lib/i18n.ts';
import { CustomerMessage } from './customer-message.tsx';
import { MessageEmails } from './message-emails.tsx';
import { Timeline } from './timeline.tsx';

const email = (n: number, change: Partial<EmailSummary>): EmailSummary => ({
  id: `50000000-0000-4000-8000-00000000000${n}`,
  messageId: message.id,
  reference: message.reference,
  kind: 'acknowledgement',
  recipient: 'marie@example.com',
  state: 'sent',
  attempts: 1,
  reason: null,
  createdAt: '2026-01-01T10:00:00.000Z',
  sentAt: '2026-01-01T10:00:05.000Z',
  ...change,
});
const EMAILS = [
  email(1, {}),
  email(2, { kind: 'reply', state: 'retrying', attempts: 2, reason: '421 try again later', sentAt: null }),
  email(3, { kind: 'commitment_kept', state: 'suppressed', reason: 'the customer turned emails off', sentAt: null }),
  email(4, { kind: 'commitment_due', recipient: 'paul@example.com', state: 'held', reason: 'no mail server set' }),
];

const detailMessage = (customerEmailState: MessageDetail['message']['customerEmailState']) =>
  ({
    ...message,
    status: 'unanswered',
    excerpt: 'Ma commande',
    tags: [],
    team: { id: '20000000-0000-4000-8000-000000000001', name: 'General' },
    assignee: null,
    createdAt: '2026-01-01T10:00:00.000Z',
    waitingSince: '2026-01-01T10:00:00.000Z',
    body: 'Ma commande est en retard.',
    pageUrl: null,
    spamSignals: [],
    customerEmailState,
  }) satisfies MessageDetail['message'];

afterEach(cleanup);

describe('the emails of a message', () => {
  it('lists each email under its own heading, with its state in words and why it did not leave', () => {
    initI18n('en');
    render(<MessageEmails emails={EMAILS} hasAddress />);
    const section = screen.getByRole('region', { name: 'Emails' });
    const items = within(section).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(
      within(section)
        .getAllByRole('heading', { level: 3 })
        .map((heading) => heading.textContent),
    ).toEqual([
      'Acknowledgement email',
      'Reply email',
      'Email about a kept commitment',
      'Reminder of a commitment due tomorrow',
    ]);
    expect(items[0]!.textContent).toContain('to marie@example.com');
    expect(items[0]!.textContent).toContain('Sent');
    expect(items[0]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-01-01T10:00:05.000Z');
    expect(items[1]!.textContent).toContain('Retrying');
    expect(items[1]!.textContent).toContain('Why: 421 try again later');
    expect(items[1]!.textContent).toContain('2 attempts');
    expect(items[2]!.textContent).toContain('Not sent');
    expect(items[2]!.textContent).toContain('Why: the customer turned emails off');
    // Held says why in its state: the reason is not repeated.
    expect(items[3]!.textContent).toContain('Held: no mail server set');
    expect(items[3]!.textContent).not.toContain('Why:');
    expect(items[3]!.textContent).toContain('to paul@example.com');
  });

  it('says so when nothing was written, and why when the customer left no address', () => {
    initI18n('en');
    const { unmount } = render(<MessageEmails emails={[]} hasAddress />);
    expect(screen.getByText('No email about this message yet.')).toBeTruthy();
    unmount();
    render(<MessageEmails emails={[]} hasAddress={false} />);
    expect(screen.getByText(/The customer left no address/)).toBeTruthy();
  });

  it('speaks French too', () => {
    initI18n('fr');
    render(<MessageEmails emails={EMAILS.slice(1, 2)} hasAddress />);
    const section = screen.getByRole('region', { name: 'E-mails' });
    expect(within(section).getByRole('heading', { level: 3 }).textContent).toBe('E-mail de réponse');
    expect(section.textContent).toContain('Nouvel essai prévu');
    expect(section.textContent).toContain('Pourquoi : 421 try again later');
    expect(section.textContent).toContain('2 essais');
  });
});

describe('the customer’s address', () => {
  it.each([
    ['on', 'Emails on', 'E-mails activés'],
    ['off', 'Emails off by the customer', 'E-mails arrêtés par le client'],
    ['bouncing', 'Bouncing: no more emails', 'Adresse en échec : plus d’e-mails'],
  ] as const)('says whether Ecoute still writes to it: %s', (state, english, french) => {
    for (const [language, words] of [
      ['en', english],
      ['fr', french],
    ] as const) {
      initI18n(language);
      render(<CustomerMessage message={detailMessage(state)} />);
      const address = screen.getByText('marie@example.com', { exact: false });
      expect(address.textContent).toContain(words);
      cleanup();
    }
  });
});

describe('the customer’s choices on the timeline', () => {
  const event = (n: number, change: Partial<AgentTimelineEvent>): AgentTimelineEvent => ({
    id: `60000000-0000-4000-8000-00000000000${n}`,
    type: 'customer_emails',
    visibility: 'internal',
    actor: null,
    text: null,
    detail: 'off',
    email: null,
    inboundMail: null,
    at: '2026-01-01T10:00:00.000Z',
    ...change,
  });

  it('are the customer’s, next to the emails Ecoute wrote', () => {
    initI18n('en');
    render(
      <Timeline
        customerName="Marie Dubois"
        events={[
          event(1, {
            type: 'email',
            detail: 'marie@example.com',
            email: { kind: 'acknowledgement', state: 'held' },
          }),
          event(2, {}),
          event(3, { detail: 'on' }),
        ]}
      />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('Ecoute');
    expect(items[0]!.textContent).toContain(
      'Acknowledgement email to marie@example.com: not sent, no mail server is set',
    );
    expect(items[1]!.textContent).toContain('Marie Dubois');
    expect(items[1]!.textContent).toContain('turned emails off for this message');
    expect(items[1]!.textContent).toContain('Internal');
    expect(items[2]!.textContent).toContain('Marie Dubois');
    expect(items[2]!.textContent).toContain('turned emails back on for this message');
  });
});
