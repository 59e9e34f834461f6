// @vitest-environment jsdom
// Settings › Weekly digest on the real component with a real query cache: the subscribers listed,
// one added for a tag, one removed, and the server's refusal shown; only the server is stood in for.
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DigestSubscriber, DigestSubscriberInput } from '@ecoute/shared/digest-contract';
import { manager } from '../../../testing/fixtures.ts';
import '../../../testing/jsdom-polyfills.ts';
import { jsonResponse } from '../../../testing/json-response.ts';
import { renderSignedIn } from '../../../testing/render-signed-in.tsx';
import { changeLanguage, initI18n } from '../../../lib/i18n.ts';
import { DigestsSettings } from './digests-settings.tsx';

const team = { id: '30000000-0000-4000-8000-000000000001', name: 'Livraisons' };
const ceo: DigestSubscriber = {
  id: '40000000-0000-4000-8000-000000000001',
  email: 'ceo@example.com',
  locale: 'en',
  team,
  tag: null,
  createdAt: '2026-11-30T08:00:00.000Z',
};

let subscribers: DigestSubscriber[];
let added: DigestSubscriberInput[];

beforeAll(() => {
  initI18n('en');
});

beforeEach(() => {
  subscribers = [ceo];
  added = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      if (url === '/api/v1/digests' && (init.method ?? 'GET') === 'GET')
        return jsonResponse(200, { items: subscribers });
      if (url === '/api/v1/digests' && init.method === 'POST') {
        const body = JSON.parse(String(init.body)) as DigestSubscriberInput;
        if (body.tag === 'two words') {
          return jsonResponse(400, {
            error: { code: 'invalid_request', message: 'Some fields are missing or invalid.', fields: { tag: 'bad' } },
          });
        }
        added.push(body);
        const subscriber = { ...ceo, id: `40000000-0000-4000-8000-00000000000${subscribers.length + 1}`, ...body };
        subscribers = [...subscribers, { ...subscriber, team: null, tag: body.tag ?? null }];
        return jsonResponse(201, subscriber);
      }
      const removed = /^\/api\/v1\/digests\/([\w-]+)$/.exec(url);
      if (removed && init.method === 'DELETE') {
        subscribers = subscribers.filter((subscriber) => subscriber.id !== removed[1]);
        return new Response(null, { status: 204 });
      }
      return jsonResponse(404, { error: { code: 'not_found', message: `No stub for ${url}` } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  changeLanguage('en');
});

const Digests = () => <DigestsSettings teams={[team]} />;

/** Picks an option of a select from the keyboard, as the users' role select is tested. */
async function choose(user: ReturnType<typeof renderSignedIn>, select: RegExp, option: string) {
  screen.getByRole('button', { name: select }).focus();
  await user.keyboard('{ArrowDown}');
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('Settings › Weekly digest', () => {
  it('lists the subscribers, adds one for a tag and removes one', async () => {
    const user = renderSignedIn('/settings/digests', Digests, manager);
    const row = (await screen.findByText('ceo@example.com')).closest('tr')!;
    expect(within(row).getByText('Team Livraisons')).toBeTruthy();
    expect(within(row).getByText('English')).toBeTruthy();

    await user.type(screen.getByLabelText('Email address', { selector: 'input' }), 'cfo@example.com');
    await choose(user, /About/, 'A tag');
    await user.type(screen.getByLabelText('Tag', { selector: 'input' }), 'billing');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('cfo@example.com will get the digest every Monday.')).toBeTruthy();
    expect(added).toEqual([{ email: 'cfo@example.com', locale: 'en', tag: 'billing' }]);
    expect(await screen.findByText('Tag “billing”')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Remove ceo@example.com' }));
    await vi.waitFor(() => expect(screen.queryByText('ceo@example.com')).toBeNull());
  });

  it('in French, says what the server refused', async () => {
    changeLanguage('fr');
    const user = renderSignedIn('/settings/digests', Digests, manager);
    await screen.findByText('ceo@example.com');
    await user.type(screen.getByLabelText('Adresse e-mail', { selector: 'input' }), 'x@example.com');
    await choose(user, /Sujet/, 'Une étiquette');
    await user.type(screen.getByLabelText('Étiquette', { selector: 'input' }), 'two words');
    await user.click(screen.getByRole('button', { name: 'Ajouter' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(added).toEqual([]);
  });
});
