// @vitest-environment jsdom
// What a failed action says: in the interface's language, by the error's code when the SPA knows it,
// by its status otherwise; never a conflict text for something that is not one.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../testing/jsdom-polyfills.ts';
import { ApiError } from '../../lib/api-client.ts';
import { changeLanguage, initI18n } from '../../lib/i18n.ts';
import { ActionError } from './states.tsx';

const alertFor = (error: unknown) => {
  cleanup();
  render(<ActionError error={error} />);
  return screen.getByRole('alert').textContent;
};

beforeAll(() => {
  initI18n('en');
});
afterEach(cleanup);

describe('ActionError', () => {
  it('names a taken email or a self-lockout, not a changed message, although both are 409', () => {
    changeLanguage('en');
    expect(alertFor(new ApiError(409, 'email_taken', 'A user with this email already exists.'))).toBe(
      'A user with this email already exists.',
    );
    changeLanguage('fr');
    expect(alertFor(new ApiError(409, 'email_taken', 'A user with this email already exists.'))).toBe(
      'Un utilisateur a déjà cette adresse e-mail.',
    );
    expect(alertFor(new ApiError(409, 'would_lock_out', 'You cannot demote yourself.'))).toMatch(/^Vous ne pouvez pas/);
    expect(alertFor(new ApiError(409, 'invalid_transition', 'This commitment is already kept.'))).toMatch(
      /^Ce n’est plus possible/,
    );
  });

  it('falls back on the status, and never shows a server error’s own words', () => {
    changeLanguage('fr');
    expect(alertFor(new ApiError(500, 'internal_error', 'stack trace here'))).toBe(
      'Un problème est survenu de notre côté. Réessayez dans un instant.',
    );
    expect(alertFor(new ApiError(0, 'network', 'Failed to fetch'))).toMatch(/^Le serveur ne répond pas/);
    expect(alertFor(new ApiError(400, 'invalid_request', 'Some fields are missing or invalid.'))).toBe(
      'Des champs manquent ou ne sont pas valides.',
    );
  });
});
