// @vitest-environment jsdom
// The commitments page on the real components with a real query cache: once a commitment is kept or
// dropped its row goes, and the focus must land on what is left, never back on the page.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Commitment, CommitmentResult } from '@ecoute/shared/agent-contract';
import '../../../testing/jsdom-polyfills.ts';
import { jsonResponse } from '../../../testing/json-response.ts';
import { renderSignedIn } from '../../../testing/render-signed-in.tsx';
import { agent, message } from '../../../testing/fixtures.ts';
import { initI18n } from '../../../lib/i18n.ts';
import { CommitmentsOverview } from './commitments-overview.tsx';

const commitment = (n: number, description: string): Commitment => ({
  id: `40000000-0000-4000-8000-00000000000${n}`,
  messageId: message.id,
  reference: message.reference,
  description,
  dueOn: '2099-01-0' + n,
  owner: { id: agent.id, name: agent.name },
  status: 'open',
  overdue: false,
  outcome: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  resolvedAt: null,
});
const call = commitment(1, 'Call Marie about the refund');
const refund = commitment(2, 'Refund the delivery fee');

/** The open commitments on the stand-in server: a kept or dropped one leaves the list. */
let open: Commitment[];

beforeAll(() => {
  initI18n('en');
});

beforeEach(() => {
  open = [call, refund];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      if (url.startsWith('/api/v1/commitments?')) return jsonResponse(200, { items: open });
      const resolve = /^\/api\/v1\/commitments\/([\w-]+)\/(fulfil|drop)$/.exec(url);
      if (resolve && init.method === 'POST') {
        const resolved = open.find((candidate) => candidate.id === resolve[1])!;
        open = open.filter((candidate) => candidate !== resolved);
        const status = resolve[2] === 'fulfil' ? 'fulfilled' : 'dropped';
        return jsonResponse(200, {
          commitment: { ...resolved, status },
          status: 'committed',
        } satisfies CommitmentResult);
      }
      return jsonResponse(404, { error: { code: 'not_found', message: `No stub for ${url}` } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderCommitments = () => renderSignedIn('/commitments', CommitmentsOverview, agent);

async function resolve(user: ReturnType<typeof userEvent.setup>, button: string, words: string) {
  await user.click(await screen.findByRole('button', { name: button }));
  const dialog = await screen.findByRole('dialog');
  await user.type(within(dialog).getByRole('textbox'), words);
  await user.keyboard('{Tab}{Tab}{Enter}');
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
}

describe('the commitments page', () => {
  it('moves the focus to the next row once one is kept, and to the empty state once none is left', async () => {
    const user = renderCommitments();
    await resolve(user, 'Kept: Call Marie about the refund', 'Called her on Monday.');
    await waitFor(() => expect(screen.queryByText('Call Marie about the refund')).toBeNull());
    const next = screen.getByText('Refund the delivery fee').closest('li');
    await waitFor(() => expect(document.activeElement).toBe(next));

    await resolve(user, 'Drop: Refund the delivery fee', 'The carrier refunded it.');
    const empty = await screen.findByText('No open commitment.');
    await waitFor(() => expect(document.activeElement).not.toBe(document.body));
    expect(document.activeElement?.contains(empty)).toBe(true);
  });
});
