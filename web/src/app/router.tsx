// The app's paths. The server sends index.html for /, /login, /set-password, /inbox/*,
// /messages/*, /commitments and /settings/*; the pages used less often load on demand.
import { createBrowserRouter, Navigate } from 'react-router';
import { RequireSession } from './require-session.tsx';
import { RootLayout } from './root-layout.tsx';
import { InboxRoute } from './routes/inbox.tsx';
import { LoginRoute } from './routes/login.tsx';
import { MessageRoute } from './routes/message.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { LoadingScreen } from './routes/loading-screen.tsx';
import { RouteError } from './routes/route-error.tsx';
import { SetPasswordRoute } from './routes/set-password.tsx';

export const createRouter = () =>
  createBrowserRouter([
    {
      Component: RootLayout,
      ErrorBoundary: RouteError,
      // Shown while a page loaded on demand arrives on a first visit straight to it.
      HydrateFallback: LoadingScreen,
      children: [
        { path: '/login', Component: LoginRoute },
        { path: '/set-password', Component: SetPasswordRoute },
        {
          Component: RequireSession,
          children: [
            { index: true, element: <Navigate to="/inbox/unanswered" replace /> },
            { path: '/inbox', element: <Navigate to="/inbox/unanswered" replace /> },
            { path: '/inbox/:view', Component: InboxRoute },
            { path: '/messages/:id', Component: MessageRoute },
            { path: '/commitments', lazy: () => import('./routes/commitments.tsx') },
            { path: '/settings', element: <Navigate to="/settings/templates" replace /> },
            { path: '/settings/templates', lazy: () => import('./routes/settings/templates.tsx') },
            { path: '/settings/users', lazy: () => import('./routes/settings/users.tsx') },
            { path: '*', Component: NotFoundRoute },
          ],
        },
      ],
    },
  ]);
