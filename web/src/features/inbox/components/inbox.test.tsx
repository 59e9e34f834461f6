// @vitest-environment jsdom
// The inbox's keyboard shortcuts and search on the real component, in a memory router, with a real query cache;
// only the server is stood in for, by a fetch that answers the three endpoints the inbox reads.
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageCounts, MessageList, MessageSummary } from '@ecoute/shared/agent-contract';
import '../../../testing/jsdom-polyfills.ts';
import { jsonResponse } from '../../../testing/json-response.ts';
import { LIMITS } from '../../../lib/contract-values.ts';
import { initI18n } from '../../../lib/i18n.ts';
import { createQueryClient } from '../../../lib/query-client.ts';
import { Inbox } from './inbox.tsx';

const summary = (n: number): MessageSummary => ({
  id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  reference: `EC-${String(n).padStart(5, 'A')}`,
  status: 'unanswered',
  excerpt: `Words of customer ${n}`,
  customerName: `Customer ${n}`,
  customerEmail: null,
  locale: 'en',
  formName: 'Website',
  tags: [],
  team: { id: '20000000-0000-4000-8000-000000000001', name: 'General' },
  assignee: null,
  createdAt: '2026-01-01T10:00:00.000Z',
  waitingSince: '2026-01-01T10:00:00.000Z',
});
const messages = [summary(1), summary(2), summary(3)];
const counts: MessageCounts = { unanswered: 3, mine: 0, team: 0, commitments_due: 0, overdue: 0, spam: 0 };
let requested: string[];

/** Search answers as the API does when a word matches more than it ranks: full pages, then no more. */
function searchPage(url: URL): MessageList {
  const page = Number(url.searchParams.get('cursor') ?? 0);
  const size = Number(url.searchParams.get('limit'));
  const items = Array.from({ length: size }, (_, i) => summary(page * size + i + 1));
  const last = (page + 1) * size >= LIMITS.searchResults;
  return { items, nextCursor: last ? null : String(page + 1) };
}

beforeAll(() => {
  initI18n('en');
});

beforeEach(() => {
  requested = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://localhost');
      requested.push(url.pathname + url.search);
      if (url.pathname === '/api/v1/messages/counts') return jsonResponse(200, counts);
      if (url.pathname === '/api/v1/tags') return jsonResponse(200, { items: ['delivery'] });
      if (url.pathname === '/api/v1/messages' && url.searchParams.has('q')) return jsonResponse(200, searchPage(url));
      if (url.pathname === '/api/v1/messages')
        return jsonResponse(200, { items: messages, nextCursor: null } satisfies MessageList);
      return new Response('{"error":{"code":"not_found","message":"no stub"}}', { status: 404 });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderInbox(initialEntry = '/inbox/unanswered') {
  const router = createMemoryRouter(
    [
      { path: '/inbox/:view', Component: () => <Inbox view="unanswered" /> },
      { path: '/messages/:id', Component: () => <p>message page</p> },
    ],
    { initialEntries: [initialEntry] },
  );
  render(
    <QueryClientProvider client={createQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { user: userEvent.setup(), router };
}

const selected = () => document.querySelector('[aria-current="true"]')?.textContent;

describe('the inbox shortcuts', () => {
  it('move the selection with j and k, and open it with o', async () => {
    const { user, router } = renderInbox();
    await screen.findByText('Words of customer 1');
    await user.keyboard('j');
    expect(selected()).toContain('Customer 1');
    await user.keyboard('jjk');
    expect(selected()).toContain('Customer 2');
    expect(document.activeElement?.textContent).toContain('Customer 2');
    await user.keyboard('o');
    await waitFor(() => expect(router.state.location.pathname).toBe(`/messages/${messages[1]!.id}`));
  });

  it('switch views with g then a letter, or with a number', async () => {
    const { user, router } = renderInbox();
    await screen.findByText('Words of customer 1');
    await user.keyboard('gm');
    await waitFor(() => expect(router.state.location.pathname).toBe('/inbox/mine'));
    await user.keyboard('8');
    await waitFor(() => expect(router.state.location.pathname).toBe('/inbox/all'));
  });

  it('stay quiet while the user types in the search box, which / focuses', async () => {
    const { user, router } = renderInbox();
    await screen.findByText('Words of customer 1');
    await user.keyboard('/');
    const search = screen.getByRole('searchbox', { name: 'Search' });
    expect(document.activeElement).toBe(search);
    await user.keyboard('jog 1?');
    expect(search).toHaveProperty('value', 'jog 1?');
    expect(selected()).toBeUndefined();
    expect(router.state.location.pathname).toBe('/inbox/unanswered');
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.keyboard('{Enter}');
    await waitFor(() => expect(router.state.location.search).toBe('?q=jog+1%3F'));
    await waitFor(() => expect(requested).toContain('/api/v1/messages?view=unanswered&q=jog+1%3F&limit=50'));
  });

  it('show their own help with ?', async () => {
    const { user } = renderInbox();
    await screen.findByText('Words of customer 1');
    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(help.textContent).toContain('Next message');
  });
});

describe('a search', () => {
  it('says, once every ranked match is shown, that older ones need a narrower search', async () => {
    const { user } = renderInbox('/inbox/unanswered?q=delivery');
    await screen.findByText('Words of customer 50');
    const note = /most recent matches/;
    expect(screen.queryByText(note)).toBeNull();
    for (let shown = 50; shown < LIMITS.searchResults; shown += 50) {
      await user.click(screen.getByRole('button', { name: 'Load more' }));
      await screen.findByText(`Words of customer ${shown + 50}`);
    }
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByText(note).textContent).toBe(
      `Search ranks the ${LIMITS.searchResults} most recent matches. Add a word or a tag to reach older ones.`,
    );
  });
});
