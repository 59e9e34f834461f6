// @vitest-environment jsdom
// The export page on the real component: its two downloads are links to the streamed CSVs, in the
// agent's language (its separator), for the period and team chosen; a period backwards links nowhere.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Team, User } from '@ecoute/shared/agent-contract';
import '../../../testing/jsdom-polyfills.ts';
import { renderSignedIn } from '../../../testing/render-signed-in.tsx';
import { changeLanguage, initI18n } from '../../../lib/i18n.ts';
import { ExportsPage } from './exports-page.tsx';

const manager: User = {
  id: '00000000-0000-4000-8000-000000000002',
  email: 'mona@example.com',
  name: 'Mona Manager',
  role: 'manager',
  active: true,
  available: true,
  passwordSet: true,
  locale: null,
};
const teams: Pick<Team, 'id' | 'name'>[] = [{ id: '30000000-0000-4000-8000-000000000001', name: 'Livraisons' }];

const Exports = () => <ExportsPage teams={teams} />;
const hrefOf = (name: string) => new URL(screen.getByRole('link', { name }).getAttribute('href')!, 'http://e.test');

beforeAll(() => {
  initI18n('en');
});
afterEach(() => {
  cleanup();
  changeLanguage('en');
});

describe('the export page', () => {
  it('links to both exports for the period shown, in English', async () => {
    renderSignedIn('/settings/exports', Exports, manager);
    const messages = hrefOf('Export messages');
    expect(messages.pathname).toBe('/api/v1/exports/messages.csv');
    expect(messages.searchParams.get('locale')).toBe('en');
    expect(messages.searchParams.get('from')).toMatch(/^\d{4}-\d\d-01$/);
    expect(messages.searchParams.get('to')).toBe(new Date().toISOString().slice(0, 10));
    expect(screen.getByRole('link', { name: 'Export messages' }).hasAttribute('download')).toBe(true);
    expect(hrefOf('Export commitments').pathname).toBe('/api/v1/exports/commitments.csv');
  });

  it('in French, the files are French (their separator is `;`), and a period backwards links nowhere', async () => {
    changeLanguage('fr');
    const user = renderSignedIn('/settings/exports', Exports, manager);
    expect(hrefOf('Exporter les messages').searchParams.get('locale')).toBe('fr');
    const to = screen.getByLabelText('Au (inclus)');
    await user.clear(to);
    await user.type(to, '2000-01-01');
    expect(screen.queryByRole('link', { name: 'Exporter les messages' })).toBeNull();
    expect(screen.getByText('La période finit avant de commencer.')).toBeTruthy();
  });
});
