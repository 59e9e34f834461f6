// @vitest-environment jsdom
// Settings › Users on the real component with a real query cache: who is still waiting to choose a
// password, and the new sign-in link an admin makes for someone; only the server is stood in for.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreatedUser, User } from '@ecoute/shared/agent-contract';
import '../../../testing/jsdom-polyfills.ts';
import { jsonResponse } from '../../../testing/json-response.ts';
import { renderSignedIn } from '../../../testing/render-signed-in.tsx';
import { initI18n } from '../../../lib/i18n.ts';
import { UsersSettings } from './users-settings.tsx';

const me: User = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'admin@example.com',
  name: 'Ada Admin',
  role: 'admin',
  active: true,
  available: true,
  passwordSet: true,
  locale: null,
};
const newcomer: User = {
  ...me,
  id: '00000000-0000-4000-8000-000000000002',
  email: 'lea@example.com',
  name: 'Léa Roux',
  role: 'agent',
  passwordSet: false,
};
const veteran: User = { ...newcomer, id: '00000000-0000-4000-8000-000000000003', name: 'Paul Martin' };
const departed: User = { ...newcomer, id: '00000000-0000-4000-8000-000000000004', name: 'Zoé Partie', active: false };
const LINK = 'http://localhost/set-password?token=a-new-one-time-token-123';

let linkRequests: Array<{ url: string; csrf: string | undefined }>;
let roleChanges: Array<Partial<User>>;
/** When set, a role change is answered only once it resolves: a slow server. */
let roleSavedWhen: Promise<void> | null;
/** How the link endpoint answers: 409 when the user was deactivated in the meantime. */
let linkStatus: 201 | 409;

beforeAll(() => {
  initI18n('en');
});

beforeEach(() => {
  linkRequests = [];
  roleChanges = [];
  roleSavedWhen = null;
  linkStatus = 201;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      if (url === '/api/v1/users') {
        return jsonResponse(200, {
          items: [me, newcomer, { ...veteran, passwordSet: true, ...roleChanges.at(-1) }, departed],
        });
      }
      const link = /^\/api\/v1\/users\/([\w-]+)\/password-link$/.exec(url);
      if (link && init.method === 'POST') {
        linkRequests.push({ url, csrf: (init.headers as Record<string, string>)['x-csrf-token'] });
        if (linkStatus === 409) {
          return jsonResponse(409, { error: { code: 'user_deactivated', message: 'This user is deactivated.' } });
        }
        const user = [newcomer, veteran].find((candidate) => candidate.id === link[1])!;
        return jsonResponse(201, { user, setPasswordUrl: LINK } satisfies CreatedUser);
      }
      if (init.method === 'PATCH' && url === `/api/v1/users/${veteran.id}`) {
        roleChanges.push(JSON.parse(String(init.body)) as Partial<User>);
        await roleSavedWhen;
        return jsonResponse(200, { ...veteran, passwordSet: true, ...roleChanges.at(-1) });
      }
      return jsonResponse(404, { error: { code: 'not_found', message: `No stub for ${url}` } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderUsers = () => renderSignedIn('/settings/users', UsersSettings, me);

const rowOf = async (name: string) => (await screen.findByText(name)).closest('tr')!;

describe('Settings › Users', () => {
  it('says who is still waiting for a password, and offers a new link to active colleagues only', async () => {
    renderUsers();
    expect(within(await rowOf('Léa Roux')).getByText('Waiting for a password')).toBeTruthy();
    expect(within(await rowOf('Paul Martin')).getByText('Active')).toBeTruthy();
    expect(within(await rowOf('Zoé Partie')).getByText('Deactivated')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'New sign-in link for Léa Roux' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'New sign-in link for Paul Martin' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New sign-in link for Zoé Partie' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'New sign-in link for Ada Admin' })).toBeNull();
  });

  it('makes a new link once asked, with the CSRF token, and shows it to copy', async () => {
    const user = renderUsers();
    await user.click(await screen.findByRole('button', { name: 'New sign-in link for Léa Roux' }));
    const dialog = await screen.findByRole('dialog', { name: 'New sign-in link for Léa Roux' });
    expect(dialog.textContent).toContain('For a lost or expired link');
    // Nothing is made until the admin says so: making one ends the link sent before.
    expect(linkRequests).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Make the link' }));
    expect(await within(dialog).findByText('A new link for Léa Roux.')).toBeTruthy();
    expect(within(dialog).getByRole('textbox', { name: 'One-time link' })).toHaveProperty('value', LINK);
    expect(linkRequests).toEqual([{ url: `/api/v1/users/${newcomer.id}/password-link`, csrf: 'csrf-token-1' }]);
  });

  it('explains a reset to someone who has a password, and says so when they were deactivated meanwhile', async () => {
    linkStatus = 409;
    const user = renderUsers();
    await user.click(await screen.findByRole('button', { name: 'New sign-in link for Paul Martin' }));
    const dialog = await screen.findByRole('dialog', { name: 'New sign-in link for Paul Martin' });
    expect(dialog.textContent).toContain('their password keeps working until they use the link');

    await user.click(within(dialog).getByRole('button', { name: 'Make the link' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'This user is deactivated: reactivate them first.',
    );
    expect(within(dialog).queryByRole('textbox')).toBeNull();
  });

  it('keeps the focus on a role select while the change is saved', async () => {
    let save = () => {};
    roleSavedWhen = new Promise((resolve) => (save = resolve));
    const user = renderUsers();
    const select = () => screen.getByRole('button', { name: /Role of Paul Martin/ });
    (await screen.findByRole('button', { name: /Role of Paul Martin/ })).focus();
    await user.keyboard('{ArrowDown}');
    await screen.findByRole('option', { name: 'Manager' });
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(roleChanges).toEqual([{ role: 'manager' }]));
    // Saving: a select disabled meanwhile would drop the focus, and the keyboard user's place, on the page.
    await waitFor(() => expect(document.activeElement).toBe(select()));
    expect(select().hasAttribute('disabled')).toBe(false);
    save();
    await waitFor(() => expect(select().textContent).toContain('Manager'));
    expect(document.activeElement).toBe(select());
  });
});
