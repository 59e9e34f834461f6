// @vitest-environment jsdom
// The composer's personalisation check and its draft, on the real component with a real query cache
// and jsdom's sessionStorage: only the server is stood in for (there is none in jsdom), by a fetch
// that answers the reply endpoint.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  AgentTimelineEvent,
  ReplyInput,
  ReplyResult,
  Session,
  Template,
  User,
} from '@ecoute/shared/agent-contract';
import '../../../testing/jsdom-polyfills.ts';
import { jsonResponse } from '../../../testing/json-response.ts';
import { acknowledgedEventId, agent, message } from '../../../testing/fixtures.ts';
import { setCsrfToken } from '../../../lib/api-client.ts';
import { SignedInUserProvider } from '../../../lib/auth.tsx';
import { initI18n } from '../../../lib/i18n.ts';
import { createQueryClient } from '../../../lib/query-client.ts';
import { queryRoots } from '../../../lib/query-keys.ts';
import { Composer } from './composer.tsx';

const colleague: User = {
  ...agent,
  id: '00000000-0000-4000-8000-000000000002',
  name: 'Léa Roux',
  email: 'lea@example.com',
};
const session: Session = { user: agent, csrfToken: 'csrf-token-1' };

const thanks: Template = {
  id: '20000000-0000-4000-8000-000000000001',
  name: 'Thanks',
  body: 'Bonjour {{customer.firstName}},\n\nMerci pour votre message ({{reference}}). Nous revenons vers vous très vite.\n\n{{agent.name}}',
  locale: 'fr',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const renderedThanks =
  'Bonjour Marie,\n\nMerci pour votre message (EC-7K2Q9). Nous revenons vers vous très vite.\n\nPaul Martin';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: ReplyInput;
}
let calls: Call[];
/** How the reply endpoint answers: 401 once the session has ended on the server. */
let replyStatus: 201 | 401;
/** When set, the reply endpoint answers only once it resolves: a slow server. */
let replyHeldUntil: Promise<void> | null;
/** Answers lost on the way back (the server did get the reply): how many more to lose. */
let answersToLose: number;
/** When set, the next reply is refused once as `conversation_changed`, with these changes. */
let changedSince: AgentTimelineEvent[] | null;

function replyResult(body: string): ReplyResult {
  const at = new Date().toISOString();
  return {
    event: {
      id: '30000000-0000-4000-8000-000000000001',
      type: 'reply',
      visibility: 'public',
      actor: { id: agent.id, name: agent.name },
      text: body,
      detail: null,
      inboundMail: null,
      email: null,
      at,
    },
    commitments: [],
    status: 'closed',
    warnings: [],
  };
}

beforeAll(() => {
  initI18n('en');
});

beforeEach(() => {
  calls = [];
  replyStatus = 201;
  answersToLose = 0;
  changedSince = null;
  replyHeldUntil = null;
  sessionStorage.clear();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      const method = init.method ?? 'GET';
      if (method === 'POST' && url === `/api/v1/messages/${message.id}/replies`) {
        const body = JSON.parse(String(init.body)) as ReplyInput;
        calls.push({ url, method, headers: init.headers as Record<string, string>, body });
        await replyHeldUntil;
        if (answersToLose > 0) {
          answersToLose--;
          throw new TypeError('Failed to fetch');
        }
        if (changedSince) {
          const changes = changedSince;
          changedSince = null;
          return jsonResponse(409, {
            error: { code: 'conversation_changed', message: 'The conversation changed.', changes },
          });
        }
        if (replyStatus === 401) {
          return jsonResponse(401, { error: { code: 'unauthenticated', message: 'Sign in to continue.' } });
        }
        return jsonResponse(201, replyResult(body.body));
      }
      return jsonResponse(404, { error: { code: 'not_found', message: `No stub for ${method} ${url}` } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function renderComposer({
  queryClient = createQueryClient(),
  as = session.user,
  lastEventId = acknowledgedEventId,
}: { queryClient?: QueryClient; as?: User; lastEventId?: string } = {}) {
  // Signed in as Paul (unless told), as the app's session gate would have it after GET /auth/me.
  setCsrfToken(session.csrfToken);
  render(
    <QueryClientProvider client={queryClient}>
      <SignedInUserProvider user={as}>
        <Composer message={message} templates={[thanks]} users={[agent, colleague]} lastEventId={lastEventId} />
      </SignedInUserProvider>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup(), queryClient };
}

const replyBox = () => screen.getByRole('textbox', { name: /your reply/i });
const sendButton = () => screen.getByRole('button', { name: 'Send the reply' });

describe('the composer', () => {
  it('inserts a template filled in for this message', async () => {
    const { user } = renderComposer();
    await user.click(screen.getByRole('button', { name: 'Insert a template' }));
    await user.click(await screen.findByRole('menuitem', { name: /Thanks/ }));
    expect(replyBox()).toHaveProperty('value', renderedThanks);
  });

  it('warns that an unedited template is one, and does not send it on the first click', async () => {
    const { user } = renderComposer();
    await user.click(screen.getByRole('button', { name: 'Insert a template' }));
    await user.click(await screen.findByRole('menuitem', { name: /Thanks/ }));
    await user.click(sendButton());

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This reply is still the unedited template');
    // The template greets Marie by her first name: that part of the check is satisfied.
    expect(alert.textContent).not.toContain('does not address');
    expect(screen.getByRole('button', { name: 'Send anyway' })).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('warns when the reply does not address the customer by name', async () => {
    const { user } = renderComposer();
    await user.type(replyBox(), 'Thank you for your message. The checkout is fixed now.');
    await user.click(sendButton());

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('It does not address Marie Dubois by name.');
    expect(alert.textContent).not.toContain('unedited template');
    expect(calls).toHaveLength(0);
  });

  it('sends a personal reply at once, without a warning', async () => {
    const { user, queryClient } = renderComposer();
    const invalidated = vi.spyOn(queryClient, 'invalidateQueries');
    await user.type(
      replyBox(),
      'Bonjour Marie, the coupon you mentioned now works at checkout. Thank you for telling us!',
    );
    await user.click(sendButton());

    await waitFor(() => expect(calls).toHaveLength(1));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls[0]!.body).toEqual({
      body: 'Bonjour Marie, the coupon you mentioned now works at checkout. Thank you for telling us!',
      commitments: [],
      // What was on screen when the agent began: the server checks that nothing happened since.
      lastSeenEventId: acknowledgedEventId,
    });
    expect(calls[0]!.headers['x-csrf-token']).toBe(session.csrfToken);
    expect(await screen.findByText(/Reply sent/)).toBeTruthy();
    expect(replyBox()).toHaveProperty('value', '');
    // The message, the inbox counts and the commitments refresh.
    expect(invalidated).toHaveBeenCalledWith({ queryKey: queryRoots.messages });
    expect(invalidated).toHaveBeenCalledWith({ queryKey: queryRoots.commitments });
  });

  it('keeps a keyboard user in place: the focus lands on "Reply sent", not back on the page', async () => {
    const { user } = renderComposer();
    await user.type(replyBox(), 'Bonjour Marie, your refund left today.');
    sendButton().focus();
    await user.keyboard('{Enter}');

    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Reply sent');
    // The emptied form disables its send button: focus left there would fall back to <body>.
    expect(document.activeElement).not.toBe(document.body);
    expect(document.activeElement).toBe(status);
  });

  it('sends after the warning only with the second, explicit "Send anyway"', async () => {
    const { user } = renderComposer();
    await user.type(replyBox(), 'Thanks, noted.');
    await user.click(sendButton());
    await screen.findByRole('alert');
    expect(calls).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Send anyway' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body.body).toBe('Thanks, noted.');
    expect(await screen.findByText(/Reply sent/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send anyway' })).toBeNull();
  });

  it('checks again after an edit: the warning goes, and the next click reviews the new text', async () => {
    const { user } = renderComposer();
    await user.type(replyBox(), 'Thanks, noted.');
    await user.click(sendButton());
    await screen.findByRole('alert');

    await user.clear(replyBox());
    await user.type(replyBox(), 'Marie, thanks: the delivery date is now on your order page.');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(sendButton());
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body.body).toBe('Marie, thanks: the delivery date is now on your order page.');
  });

  it('sends the commitments the reply makes, owned by the agent unless changed', async () => {
    const { user } = renderComposer();
    await user.type(replyBox(), 'Marie, we will call you about the refund.');
    await user.click(screen.getByRole('button', { name: 'Add a commitment' }));
    const row = screen.getByRole('group', { name: 'Commitment 1' });
    // The new row takes the focus: typing goes to what will be done.
    expect(document.activeElement).toBe(within(row).getByRole('textbox', { name: /What will be done/ }));
    await user.keyboard('Call Marie about the refund');
    await user.click(sendButton());

    await waitFor(() => expect(calls).toHaveLength(1));
    const [commitment] = calls[0]!.body.commitments!;
    expect(commitment).toMatchObject({ description: 'Call Marie about the refund', ownerId: agent.id });
    expect(commitment!.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('the draft', () => {
  const words = 'Marie, we will call you about the refund this week.';
  const promise = 'Call Marie about the refund';
  const draftKeys = () => Object.keys(sessionStorage).filter((key) => key.startsWith('ecoute.draft'));

  /** Types a reply and one commitment, as an agent who will lose the page before sending. */
  async function writeReply(user: ReturnType<typeof userEvent.setup>) {
    await user.type(replyBox(), words);
    await user.click(screen.getByRole('button', { name: 'Add a commitment' }));
    const row = screen.getByRole('group', { name: 'Commitment 1' });
    await user.type(within(row).getByRole('textbox', { name: /What will be done/ }), promise);
  }

  const commitmentText = (n: number) =>
    within(screen.getByRole('group', { name: `Commitment ${n}` })).getByRole('textbox', { name: /What will be done/ });

  it('comes back, reply and commitments, when the composer is mounted again', async () => {
    const { user } = renderComposer();
    expect(screen.queryByText(/Your draft is back/)).toBeNull();
    await writeReply(user);
    cleanup(); // the page goes: a reload, a wrong click, or a session that ended

    const again = renderComposer();
    expect(replyBox()).toHaveProperty('value', words);
    expect(commitmentText(1)).toHaveProperty('value', promise);
    expect(screen.getByText('Your draft is back as you left it. It has not been sent yet.')).toBeTruthy();

    // The restored draft is the composer's own again: more rows, and it sends as written.
    await again.user.click(screen.getByRole('button', { name: 'Add a commitment' }));
    await again.user.type(commitmentText(2), 'Refund the delivery fee');
    expect(commitmentText(1)).toHaveProperty('value', promise);
    await again.user.click(sendButton());
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body.body).toBe(words);
    expect(calls[0]!.body.commitments!.map((commitment) => commitment.description)).toEqual([
      promise,
      'Refund the delivery fee',
    ]);
  });

  it('keeps the event the agent had read when they began: what happened while they were away is checked', async () => {
    const { user } = renderComposer();
    await writeReply(user);
    cleanup();

    // The page comes back later, its timeline grown meanwhile: the reply was not written against that.
    const again = renderComposer({ lastEventId: '30000000-0000-4000-8000-000000000042' });
    await again.user.click(sendButton());
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body.lastSeenEventId).toBe(acknowledgedEventId);
  });

  it('is gone once the reply is sent', async () => {
    const { user } = renderComposer();
    await writeReply(user);
    await user.click(sendButton());
    expect(await screen.findByText(/Reply sent/)).toBeTruthy();
    expect(draftKeys()).toEqual([]);
    cleanup();

    renderComposer();
    expect(replyBox()).toHaveProperty('value', '');
    expect(screen.queryByRole('group', { name: 'Commitment 1' })).toBeNull();
    expect(screen.queryByText(/Your draft is back/)).toBeNull();
  });

  it('is gone once the reply is sent, even when the agent left the page before the answer came', async () => {
    let answer = () => {};
    replyHeldUntil = new Promise((resolve) => (answer = resolve));
    const { user, queryClient } = renderComposer();
    await writeReply(user);
    await user.click(sendButton());
    await waitFor(() => expect(calls).toHaveLength(1));
    cleanup(); // off to the inbox while the reply is on its way
    answer();
    await waitFor(() => expect(queryClient.isMutating()).toBe(0));
    expect(draftKeys()).toEqual([]);

    renderComposer({ queryClient });
    expect(replyBox()).toHaveProperty('value', '');
  });

  it('sends a reply again under the same Idempotency-Key after a lost answer, and an edited one under a new key', async () => {
    answersToLose = 2;
    const { user } = renderComposer();
    await user.type(replyBox(), 'Bonjour Marie, your refund left today.');
    await user.click(sendButton());
    expect(await screen.findByText(/could not be reached/)).toBeTruthy();
    await user.click(sendButton());
    await waitFor(() => expect(calls).toHaveLength(2));
    await user.type(replyBox(), ' It takes three days.');
    await user.click(sendButton());
    await waitFor(() => expect(calls).toHaveLength(3));
    const keys = calls.map((call) => call.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(await screen.findByText(/Reply sent/)).toBeTruthy();
  });

  it('stays when the send fails because the session ended', async () => {
    replyStatus = 401;
    const { user } = renderComposer();
    await writeReply(user);
    await user.click(sendButton());
    await waitFor(() => expect(calls).toHaveLength(1));
    cleanup();

    renderComposer();
    expect(replyBox()).toHaveProperty('value', words);
    expect(commitmentText(1)).toHaveProperty('value', promise);
  });

  it('is never shown to another user signed in on the same browser', async () => {
    const { user } = renderComposer();
    await writeReply(user);
    cleanup();

    renderComposer({ as: colleague });
    expect(replyBox()).toHaveProperty('value', '');
    expect(screen.queryByRole('group', { name: 'Commitment 1' })).toBeNull();
    cleanup();

    // Still Paul's, for Paul.
    renderComposer();
    expect(replyBox()).toHaveProperty('value', words);
  });

  it('ignores what it cannot read back', () => {
    sessionStorage.setItem(`ecoute.draft:${agent.id}:reply:${message.id}`, '{"body": 42');
    renderComposer();
    expect(replyBox()).toHaveProperty('value', '');
  });

  it('never gets in the way when the browser refuses to store anything', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const { user } = renderComposer();
    await user.type(replyBox(), words);
    await user.click(sendButton());
    expect(await screen.findByText(/Reply sent/)).toBeTruthy();
    cleanup();

    // Storage disabled altogether: even reading window.sessionStorage throws.
    vi.spyOn(window, 'sessionStorage', 'get').mockImplementation(() => {
      throw new DOMException('Access is denied.', 'SecurityError');
    });
    const again = renderComposer();
    await again.user.type(replyBox(), words);
    await again.user.click(sendButton());
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(await screen.findByText(/Reply sent/)).toBeTruthy();
  });
  it('shows what changed while the agent wrote, keeps the draft, and sends anyway once asked', async () => {
    const { user } = renderComposer();
    const colleagueReply: AgentTimelineEvent = {
      id: '30000000-0000-4000-8000-000000000009',
      type: 'reply',
      visibility: 'public',
      actor: { id: colleague.id, name: colleague.name },
      text: 'Bonjour Marie, we refunded you this morning.',
      detail: null,
      inboundMail: null,
      email: null,
      at: new Date().toISOString(),
    };
    changedSince = [colleagueReply];
    const words = 'Bonjour Marie, we are looking into your refund.';
    await user.type(replyBox(), words);
    await user.click(sendButton());

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/A colleague replied while you were writing/);
    expect(alert.textContent).toContain(colleague.name);
    expect(alert.textContent).toContain('we refunded you this morning');
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(replyBox()).toHaveProperty('value', words);
    expect(calls[0]!.body.lastSeenEventId).toBe(acknowledgedEventId);

    await user.click(screen.getByRole('button', { name: 'Send anyway' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    // Now the agent has read up to the colleague's reply.
    expect(calls[1]!.body).toMatchObject({ body: words, lastSeenEventId: colleagueReply.id });
    expect(await screen.findByText(/Reply sent/)).toBeTruthy();
  });
});
