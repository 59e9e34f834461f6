// One page of the SPA rendered for a component test: a real query cache, a memory router at the
// page's path, and the signed-in user (whose CSRF token the API client sends).
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComponentType } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { User } from '@ecoute/shared/agent-contract';
import { setCsrfToken } from '../lib/api-client.ts';
import { SignedInUserProvider } from '../lib/auth.tsx';
import { createQueryClient } from '../lib/query-client.ts';

export function renderSignedIn(path: string, Component: ComponentType, user: User) {
  setCsrfToken('csrf-token-1');
  const router = createMemoryRouter([{ path, Component }], { initialEntries: [path] });
  render(
    <QueryClientProvider client={createQueryClient()}>
      <SignedInUserProvider user={user}>
        <RouterProvider router={router} />
      </SignedInUserProvider>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}
