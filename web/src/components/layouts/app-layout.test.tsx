// @vitest-environment jsdom
// The header's language switch on the real layout with a real query cache: choosing a language
// switches the interface and saves it to the signed-in user's profile (PATCH /api/v1/me, with the
// CSRF token), where emails to them read it, and the profile's language is applied on a new browser;
// a refusal is shown. Only the server is stood in for.
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '@ecoute/shared/agent-contract';
import { manager } from '../../testing/fixtures.ts';
import '../../testing/jsdom-polyfills.ts';
import { jsonResponse } from '../../testing/json-response.ts';
import { renderSignedIn } from '../../testing/render-signed-in.tsx';
import { changeLanguage, currentLanguage, initI18n } from '../../lib/i18n.ts';
import { AppLayout } from './app-layout.tsx';

let saved: Array<{ body: unknown; csrf: string | null }>;
let refuse: boolean;

beforeAll(() => {
  initI18n('en');
});

beforeEach(() => {
  saved = [];
  refuse = false;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      if (url === '/api/v1/me' && init.method === 'PATCH') {
        if (refuse) {
          return jsonResponse(400, {
            error: {
              code: 'invalid_request',
              message: 'Some fields are missing or invalid.',
              fields: { locale: 'bad' },
            },
          });
        }
        const body = JSON.parse(String(init.body)) as { locale: User['locale'] };
        saved.push({ body, csrf: new Headers(init.headers).get('x-csrf-token') });
        return jsonResponse(200, { ...manager, locale: body.locale });
      }
      if (url === '/api/v1/auth/me') return jsonResponse(200, { user: manager, csrfToken: 'csrf-token-1' });
      return jsonResponse(404, { error: { code: 'not_found', message: `No stub for ${url}` } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  changeLanguage('en');
});

describe('the header’s language switch', () => {
  it('switches the interface and saves the choice to the profile', async () => {
    const user = renderSignedIn('/', AppLayout, manager);
    await user.click(screen.getByRole('radio', { name: 'Français' }));
    await waitFor(() => expect(saved).toEqual([{ body: { locale: 'fr' }, csrf: 'csrf-token-1' }]));
    expect(currentLanguage()).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
    expect(await screen.findByRole('link', { name: 'Boîte de réception' })).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: 'English' }));
    await waitFor(() => expect(saved.map((call) => call.body)).toEqual([{ locale: 'fr' }, { locale: 'en' }]));
    expect(currentLanguage()).toBe('en');
  });

  it('speaks the language saved in the profile on a browser that never chose one', async () => {
    renderSignedIn('/', AppLayout, { ...manager, locale: 'fr' });
    expect(await screen.findByRole('link', { name: 'Boîte de réception' })).toBeTruthy();
    expect(currentLanguage()).toBe('fr');
    expect(saved).toEqual([]);
  });

  it('shows the server’s refusal, the interface still switched', async () => {
    refuse = true;
    const user = renderSignedIn('/', AppLayout, manager);
    await user.click(screen.getByRole('radio', { name: 'Français' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(currentLanguage()).toBe('fr');
    expect(saved).toEqual([]);
  });
});
