// @vitest-environment jsdom
// A session that ends while an agent writes a reply, through the app's own session gate and sign-in
// page: the page says why it is asking again, and the reply is back after signing in. Only the
// server is stood in for, by a fetch whose session can end.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReplyInput, ReplyResult, Session } from '@ecoute/shared/agent-contract';
import '../testing/jsdom-polyfills.ts';
import { jsonResponse } from '../testing/json-response.ts';
import { acknowledgedEventId, agent, message } from '../testing/fixtures.ts';
import { Composer } from '../features/replies/components/composer.tsx';
import { initI18n } from '../lib/i18n.ts';
import { AppProvider } from './provider.tsx';
import { RequireSession } from './require-session.tsx';
import { RootLayout } from './root-layout.tsx';
import { LoginRoute } from './routes/login.tsx';

const messagePath = `/messages/${message.id}`;
const words = 'Marie, we will call you about the refund this week.';
const promise = 'Call Marie about the refund';
const ended = 'Your session has ended. Sign in again to continue — what you were writing is kept.';

/** Whether the server still knows the session; it ends when it expires or an admin revokes it. */
let signedIn: boolean;
let sent: ReplyInput[];

beforeAll(() => {
  initI18n('en');
});

beforeEach(() => {
  signedIn = true;
  sent = [];
  sessionStorage.clear();
  const unauthenticated = () =>
    jsonResponse(401, { error: { code: 'unauthenticated', message: 'Sign in to continue.' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      const method = init.method ?? 'GET';
      const session: Session = { user: agent, csrfToken: 'csrf-token-1' };
      if (url === '/api/v1/auth/me') return signedIn ? jsonResponse(200, session) : unauthenticated();
      if (method === 'POST' && url === '/api/v1/auth/login') {
        const { password } = JSON.parse(String(init.body)) as { password: string };
        if (password === 'wrong')
          return jsonResponse(401, { error: { code: 'invalid_credentials', message: 'Wrong.' } });
        signedIn = true;
        return jsonResponse(200, session);
      }
      if (method === 'POST' && url === '/api/v1/auth/logout') {
        if (!signedIn) return unauthenticated();
        signedIn = false;
        return jsonResponse(204);
      }
      if (method === 'POST' && url === `/api/v1/messages/${message.id}/replies`) {
        if (!signedIn) return unauthenticated();
        const body = JSON.parse(String(init.body)) as ReplyInput;
        sent.push(body);
        const result: ReplyResult = {
          event: {
            id: '30000000-0000-4000-8000-000000000001',
            type: 'reply',
            visibility: 'public',
            actor: { id: agent.id, name: agent.name },
            text: body.body,
            detail: null,
            inboundMail: null,
            email: null,
            at: new Date().toISOString(),
          },
          commitments: [],
          status: 'closed',
          warnings: [],
        };
        return jsonResponse(201, result);
      }
      return jsonResponse(404, { error: { code: 'not_found', message: `No stub for ${method} ${url}` } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The app's session gate and sign-in page around a message page that is only the composer. */
function renderApp(path = messagePath) {
  const router = createMemoryRouter(
    [
      {
        Component: RootLayout,
        children: [
          { path: '/login', Component: LoginRoute },
          {
            Component: RequireSession,
            children: [
              { path: '/inbox/:view', element: <p>The inbox</p> },
              {
                path: '/messages/:id',
                element: (
                  <Composer message={message} templates={[]} users={[agent]} lastEventId={acknowledgedEventId} />
                ),
              },
            ],
          },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { user: userEvent.setup(), router };
}

const replyBox = () => screen.findByRole('textbox', { name: /your reply/i });
const commitmentText = () =>
  within(screen.getByRole('group', { name: 'Commitment 1' })).getByRole('textbox', { name: /What will be done/ });

async function writeReply(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await replyBox(), words);
  await user.click(screen.getByRole('button', { name: 'Add a commitment' }));
  await user.type(commitmentText(), promise);
}

async function signIn(user: ReturnType<typeof userEvent.setup>, password = 'a long enough password') {
  await user.clear(await screen.findByRole('textbox', { name: 'Email' }));
  await user.type(screen.getByRole('textbox', { name: 'Email' }), agent.email);
  await user.clear(screen.getByLabelText('Password'));
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('a session that ends while the agent writes', () => {
  it('is said on the sign-in page, which leads back to the reply as it was', async () => {
    const { user, router } = renderApp();
    await writeReply(user);

    signedIn = false; // expired, or revoked by an admin
    await user.click(screen.getByRole('button', { name: 'Send the reply' }));
    expect(await screen.findByText(ended)).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('redirectTo')).toBe(messagePath);

    await signIn(user);
    expect(await replyBox()).toHaveProperty('value', words);
    expect(router.state.location.pathname).toBe(messagePath);
    expect(commitmentText()).toHaveProperty('value', promise);
    expect(screen.getByText('Your draft is back as you left it. It has not been sent yet.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Send the reply' }));
    expect(await screen.findByText(/Reply sent/)).toBeTruthy();
    expect(sent).toEqual([
      {
        body: words,
        commitments: [expect.objectContaining({ description: promise })],
        lastSeenEventId: acknowledgedEventId,
      },
    ]);
  });

  it('is said after a reload too, and the reply is still there', async () => {
    const { user } = renderApp();
    await writeReply(user);
    cleanup(); // the tab reloads…
    signedIn = false; // …after the session ended

    const again = renderApp();
    expect(await screen.findByText(ended)).toBeTruthy();
    await signIn(again.user);
    expect(await replyBox()).toHaveProperty('value', words);
  });

  it('is not what a first visit says, nor a wrong password', async () => {
    signedIn = false;
    const { user } = renderApp();
    await screen.findByRole('button', { name: 'Sign in' });
    expect(screen.queryByText(ended)).toBeNull();

    await signIn(user, 'wrong');
    expect(await screen.findByText('Wrong email or password.')).toBeTruthy();
    expect(screen.queryByText(ended)).toBeNull();
  });

  it('is not what signing out says, and signing out takes the drafts with it', async () => {
    const { user, router } = renderApp();
    await writeReply(user);
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('ecoute.draft'))).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('button', { name: 'Sign in' });
    expect(screen.queryByText(ended)).toBeNull();
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('ecoute.draft'))).toEqual([]);

    await signIn(user);
    await waitFor(() => expect(router.state.location.pathname).not.toBe('/login'));
    await router.navigate(messagePath);
    expect(await replyBox()).toHaveProperty('value', '');
  });
});
