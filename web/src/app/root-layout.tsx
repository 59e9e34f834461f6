// The root of every route: react-aria's links and menus navigate through the router, not the page,
// and its own words and formats (dates, "Dismiss" buttons for screen readers) follow the app's language.
import { Outlet, useHref, useNavigate, type NavigateOptions } from 'react-router';
import { I18nProvider, RouterProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

declare module 'react-aria-components' {
  interface RouterConfig {
    routerOptions: NavigateOptions;
  }
}

export function RootLayout() {
  const navigate = useNavigate();
  const { i18n } = useTranslation();
  return (
    <I18nProvider locale={i18n.language}>
      <RouterProvider navigate={(to, options) => void navigate(to, options)} useHref={useHref}>
        <Outlet />
      </RouterProvider>
    </I18nProvider>
  );
}
