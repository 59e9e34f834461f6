// @vitest-environment jsdom
// Settings › Forms › one form on the real component with a real query cache: managers read the
// settings and the snippet but change nothing; an admin sees the server's refusal on the field it is
// about. Only the server is stood in for.
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FormSettings, User } from '@ecoute/shared/agent-contract';
import '../../../testing/jsdom-polyfills.ts';
import { jsonResponse } from '../../../testing/json-response.ts';
import { renderSignedIn } from '../../../testing/render-signed-in.tsx';
import { initI18n } from '../../../lib/i18n.ts';
import { FormEditor } from './form-editor.tsx';

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
const manager: User = { ...admin, id: '00000000-0000-4000-8000-000000000002', role: 'manager', name: 'Max' };
const shop: FormSettings = {
  id: '00000000-0000-4000-8000-0000000000aa',
  key: 'shop',
  name: 'Shop',
  allowedOrigins: ['https://shop.example'],
  defaultLocale: 'en',
  acknowledgements: { fr: null, en: 'Thanks {{name}}, we have {{reference}}.' },
  accent: '#1b5e20',
  archived: false,
  messageCount: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

let changes: unknown[];

beforeAll(() => {
  initI18n('en');
});
beforeEach(() => {
  changes = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      if (url === '/api/v1/forms') return jsonResponse(200, { items: [shop] });
      if (url === `/api/v1/forms/${shop.id}` && init.method === 'PATCH') {
        changes.push(JSON.parse(String(init.body)));
        return jsonResponse(400, {
          error: {
            code: 'invalid_request',
            message: 'Some fields are missing or invalid.',
            fields: { 'acknowledgements.fr': 'is refused by the server' },
          },
        });
      }
      return jsonResponse(404, { error: { code: 'not_found', message: 'Not found' } });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const Editor = () => <FormEditor formId={shop.id} />;

describe('the form editor', () => {
  it('shows a manager the settings and the snippet, read only', async () => {
    renderSignedIn('/settings/forms/x', Editor, manager);
    const name = await screen.findByRole('textbox', { name: 'Name' });
    expect(name).toHaveProperty('value', 'Shop');
    expect(name).toHaveProperty('readOnly', true);
    expect(screen.getByRole('textbox', { name: 'Key' })).toHaveProperty('readOnly', true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Archive the form' })).toBeNull();
    expect(screen.getByRole('figure', { name: 'Snippet to paste into the site’s pages' }).textContent).toContain(
      '<ecoute-form form="shop"></ecoute-form>',
    );
    // The form has messages: its key is said to be fixed.
    expect(screen.getByText(/The form has messages: its key no longer changes/)).toBeTruthy();
  });

  it('lets an admin edit, and shows the server’s refusal on its field', async () => {
    const user = renderSignedIn('/settings/forms/x', Editor, admin);
    const french = await screen.findByRole('textbox', { name: 'Acknowledgement in French' });
    await user.type(french, 'Bonjour {{{{name}'); // user-event writes `{{` for a brace: "Bonjour {{name}"
    // Typed with a stray brace: said at once, and nothing is sent.
    await screen.findByText('{{: not a placeholder.');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(changes).toEqual([]);
    await user.clear(french);
    await user.type(french, 'Bonjour.');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(changes).toHaveLength(1));
    expect(changes[0]).toMatchObject({ key: 'shop', acknowledgements: { fr: 'Bonjour.' }, accent: '#1b5e20' });
    expect(await screen.findByText('is refused by the server')).toBeTruthy();
  });
});
