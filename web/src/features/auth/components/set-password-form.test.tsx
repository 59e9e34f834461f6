// @vitest-environment jsdom
// Choosing a password: the form's own checks, and the first send after a correction goes through.
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../../testing/jsdom-polyfills.ts';
import { initI18n } from '../../../lib/i18n.ts';
import { createQueryClient } from '../../../lib/query-client.ts';
import { SetPasswordForm } from './set-password-form.tsx';

let sent: unknown[];

beforeAll(() => {
  initI18n('en');
});

beforeEach(() => {
  sent = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(JSON.parse(String(init?.body)));
      return new Response(null, { status: 204 });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderForm() {
  const router = createMemoryRouter([{ path: '/', element: <SetPasswordForm token="one-time" /> }]);
  render(
    <QueryClientProvider client={createQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('the set-password form', () => {
  it('says when the two differ or the password is short, and sends at the first click once corrected', async () => {
    const user = renderForm();
    const password = screen.getByLabelText(/^New password/);
    const confirmation = screen.getByLabelText(/^The same password again/);
    const save = screen.getByRole('button', { name: /Save/ });

    await user.type(password, 'short');
    await user.type(confirmation, 'short');
    await user.click(save);
    expect(await screen.findByText(/Use at least 12 characters/)).toBeTruthy();

    await user.clear(password);
    await user.type(password, 'a long enough password');
    await user.clear(confirmation);
    await user.type(confirmation, 'a long enough passwort');
    await user.click(save);
    expect(await screen.findByText(/are not the same/)).toBeTruthy();
    expect(sent).toEqual([]);

    await user.clear(confirmation);
    await user.type(confirmation, 'a long enough password');
    await user.click(save);
    expect(sent).toEqual([{ token: 'one-time', password: 'a long enough password' }]);
    expect(await screen.findByRole('status')).toBeTruthy();
  });
});
