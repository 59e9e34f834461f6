// The app's paths. The server sends index.html for /, /login, /set-password, /inbox/*,
// /messages/*, /commitments, /dashboard, /words, /customer-days/* and /settings/*. The sign-in page, where every visit starts, is part of
// the entry file; every other page loads on demand, so that each one downloads only what it shows
// (the sign-in page never fetches the inbox, the message page or their dialogs).
import { createBrowserRouter, Navigate } from 'react-router';
import { RootLayout } from './root-layout.tsx';
import { LoadingScreen } from './routes/loading-screen.tsx';
import { LoginRoute } from './routes/login.tsx';
import { RouteError } from './routes/route-error.tsx';

export const createRouter = () =>
  createBrowserRouter([
    {
      Component: RootLayout,
      ErrorBoundary: RouteError,
      // Shown while the first page's code arrives.
      HydrateFallback: LoadingScreen,
      children: [
        { path: '/login', Component: LoginRoute },
        {
          path: '/set-password',
          lazy: { Component: async () => (await import('./routes/set-password.tsx')).SetPasswordRoute },
        },
        {
          lazy: { Component: async () => (await import('./require-session.tsx')).RequireSession },
          children: [
            { index: true, element: <Navigate to="/inbox/unanswered" replace /> },
            { path: '/inbox', element: <Navigate to="/inbox/unanswered" replace /> },
            { path: '/inbox/:view', lazy: { Component: async () => (await import('./routes/inbox.tsx')).InboxRoute } },
            {
              path: '/messages/:id',
              lazy: { Component: async () => (await import('./routes/message.tsx')).MessageRoute },
            },
            { path: '/commitments', lazy: () => import('./routes/commitments.tsx') },
            { path: '/dashboard', lazy: () => import('./routes/dashboard.tsx') },
            { path: '/words', lazy: () => import('./routes/words.tsx') },
            { path: '/customer-days', lazy: () => import('./routes/customer-days.tsx') },
            { path: '/customer-days/:date', lazy: () => import('./routes/customer-day.tsx') },
            { path: '/settings', element: <Navigate to="/settings/templates" replace /> },
            { path: '/settings/templates', lazy: () => import('./routes/settings/templates.tsx') },
            { path: '/settings/users', lazy: () => import('./routes/settings/users.tsx') },
            { path: '/settings/teams', lazy: () => import('./routes/settings/teams.tsx') },
            { path: '/settings/routing', lazy: () => import('./routes/settings/routing.tsx') },
            { path: '/settings/unmatched-mail', lazy: () => import('./routes/settings/unmatched-mail.tsx') },
            { path: '/settings/outbox', lazy: () => import('./routes/settings/outbox.tsx') },
            { path: '/settings/exports', lazy: () => import('./routes/settings/exports.tsx') },
            { path: '/settings/digests', lazy: () => import('./routes/settings/digests.tsx') },
            { path: '/settings/forms', lazy: () => import('./routes/settings/forms.tsx') },
            { path: '/settings/forms/:id', lazy: () => import('./routes/settings/form.tsx') },
            {
              path: '*',
              lazy: { Component: async () => (await import('./routes/not-found.tsx')).NotFoundRoute },
            },
          ],
        },
      ],
    },
  ]);
