// @vitest-environment jsdom
// The Outbox on the real component with a real query cache: its tabs, page by page with the
// server's cursor, and the retry of a failed email (with the CSRF token), which then leaves the
// failed tab; only the server is stood in for.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmailList, EmailSummary, User } from '@ecoute/shared/agent-contract';
import '../../../testing/jsdom-polyfills.ts';
import { message } from '../../../testing/fixtures.ts';
import { jsonResponse } from '../../../testing/json-response.ts';
import { renderSignedIn } from '../../../testing/render-signed-in.tsx';
import { initI18n } from '../../../lib/i18n.ts';
import { Outbox } from './outbox.tsx';

const admin: User = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'admin@example.com',
  name: 'Ada Admin',
  role: 'admin',
  active: true,
  available: true,
  passwordSet: true,
  locale: null,
};

const email = (n: number, change: Partial<EmailSummary>): EmailSummary => ({
  id: `50000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
  messageId: message.id,
  reference: `EC-${String(n).padStart(5, '0')}`,
  kind: 'acknowledgement',
  recipient: `customer${n}@example.com`,
  state: 'held',
  attempts: 0,
  reason: 'no mail server set',
  createdAt: '2026-01-01T10:00:00.000Z',
  sentAt: null,
  ...change,
});

/** The failed emails on the stand-in server: a retried one goes back to waiting. */
let failed: EmailSummary[];
let requests: Array<{ url: string; method: string; csrf: string | undefined }>;
let retryStatus: 200 | 409;

beforeAll(() => {
  initI18n('en');
});

beforeEach(() => {
  failed = [
    email(20, { kind: 'reply', state: 'failed', attempts: 5, reason: '550 mailbox unavailable' }),
    email(21, { state: 'failed', attempts: 5, reason: '554 rejected' }),
  ];
  requests = [];
  retryStatus = 200;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), 'http://ecoute.test');
      const method = init.method ?? 'GET';
      requests.push({
        url: `${url.pathname}${url.search}`,
        method,
        csrf: (init.headers as Record<string, string>)['x-csrf-token'],
      });
      if (url.pathname === '/api/v1/outbox' && method === 'GET') {
        const view = url.searchParams.get('view');
        const cursor = url.searchParams.get('cursor');
        if (view === 'waiting' && !cursor) {
          return jsonResponse(200, { items: [email(1, {}), email(2, {})], nextCursor: 'page-2' } satisfies EmailList);
        }
        if (view === 'waiting' && cursor === 'page-2') {
          const digest = email(4, {
            messageId: null,
            reference: null,
            kind: 'digest',
            recipient: 'ceo@example.com',
            state: 'queued',
            reason: null,
          });
          return jsonResponse(200, { items: [digest, email(3, { state: 'queued', reason: null })], nextCursor: null });
        }
        if (view === 'failed') return jsonResponse(200, { items: failed, nextCursor: null } satisfies EmailList);
        if (view === 'sent') return jsonResponse(200, { items: [], nextCursor: null } satisfies EmailList);
      }
      const retry = /^\/api\/v1\/outbox\/([\w-]+)\/retry$/.exec(url.pathname);
      if (retry && method === 'POST') {
        if (retryStatus === 409) {
          return jsonResponse(409, { error: { code: 'invalid_transition', message: 'This email is not failed.' } });
        }
        const retried = failed.find((candidate) => candidate.id === retry[1])!;
        failed = failed.filter((candidate) => candidate !== retried);
        return jsonResponse(200, { ...retried, state: 'queued', reason: null } satisfies EmailSummary);
      }
      return jsonResponse(404, { error: { code: 'not_found', message: `No stub for ${url.pathname}` } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderOutbox = () => renderSignedIn('/settings/outbox', Outbox, admin);
const rows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);

describe('the Outbox', () => {
  it('shows what waits in a table, each reference a link to its message, and loads more with the cursor', async () => {
    const user = renderOutbox();
    const table = await screen.findByRole('table', { name: 'Emails waiting to be sent' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Message', 'Email', 'To', 'State', 'Attempts', 'Reason', 'Written', 'Sent', 'Actions']);
    expect(rows(table)).toHaveLength(2);
    const link = within(table).getByRole('link', { name: 'EC-00001' });
    expect(link.getAttribute('href')).toBe(`/messages/${message.id}`);
    expect(rows(table)[0]!.textContent).toContain('Held: no mail server set');
    expect(rows(table)[0]!.textContent).toContain('Acknowledgement email');
    // Nothing to retry in what waits.
    expect(within(table).queryByRole('button')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rows(table)).toHaveLength(4));
    expect(requests.map((request) => request.url)).toContain('/api/v1/outbox?view=waiting&cursor=page-2');
    expect(rows(table)[3]!.textContent).toContain('Waiting to be sent');
    // A digest is about no message: its row says so, with its kind and recipient, and has no link.
    const digest = rows(table)[2]!;
    expect(within(digest).getByRole('rowheader').textContent).toBe('None');
    expect(within(digest).queryByRole('link')).toBeNull();
    expect(digest.textContent).toContain('Weekly digest');
    expect(digest.textContent).toContain('ceo@example.com');
    expect(digest.textContent).toContain('Waiting to be sent');
    // The focus goes on to the first new row (the digest's header); the button is gone with the last page.
    await waitFor(() => expect(document.activeElement).toBe(within(digest).getByRole('rowheader')));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('retries a failed email with the CSRF token; it leaves the failed tab and the retry is announced', async () => {
    const user = renderOutbox();
    await user.click(await screen.findByRole('tab', { name: 'Failed' }));
    const table = await screen.findByRole('table', { name: 'Emails that could not be sent' });
    expect(rows(table)[0]!.textContent).toContain('550 mailbox unavailable');
    expect(rows(table)[0]!.textContent).toContain('Failed');

    await user.click(within(table).getByRole('button', { name: 'Retry: Reply email to customer20@example.com' }));
    const done = await screen.findByRole('status');
    expect(done.textContent).toBe('Reply email to customer20@example.com: queued to be sent again.');
    await waitFor(() => expect(rows(table)).toHaveLength(1));
    expect(document.activeElement).toBe(done);
    expect(requests.filter((request) => request.method === 'POST')).toEqual([
      { url: `/api/v1/outbox/${email(20, {}).id}/retry`, method: 'POST', csrf: 'csrf-token-1' },
    ]);
  });

  it('says so when the email was no longer failed (409)', async () => {
    retryStatus = 409;
    const user = renderOutbox();
    await user.click(await screen.findByRole('tab', { name: 'Failed' }));
    const table = await screen.findByRole('table', { name: 'Emails that could not be sent' });
    await user.click(
      within(table).getByRole('button', { name: 'Retry: Acknowledgement email to customer21@example.com' }),
    );
    expect((await within(table).findByRole('alert')).textContent).toContain('This email is no longer failed');
  });

  it('says when a tab is empty', async () => {
    const user = renderOutbox();
    await user.click(await screen.findByRole('tab', { name: 'Sent' }));
    expect(await screen.findByText('No email has been sent yet.')).toBeTruthy();
  });
});
