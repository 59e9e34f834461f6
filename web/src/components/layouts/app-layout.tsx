// The signed-in frame: a skip link, the header (navigation, who is signed in, language, sign out)
// and the page. Settings links only appear for the roles that can use them. The language a signed-in
// user chooses is saved to their profile too: emails to them (the Customer Day reminder) speak it.
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLogout, useProfileLanguage, useUser } from '../../lib/auth.tsx';
import { hasRole } from '../../lib/contract-values.ts';
import { changeLanguage, currentLanguage, LANGUAGES, type Language } from '../../lib/i18n.ts';
import { Button } from '../ui/button.tsx';
import { ActionError } from '../ui/states.tsx';
import { AvailabilitySwitch } from './availability-switch.tsx';
import { LiveUpdates } from './live-updates.tsx';

const LANGUAGE_NAMES = { fr: 'Français', en: 'English' } as const;

/** The language switch; `onChoose` also hears the user's choice (the sign-in page has nobody to save it for). */
export function LanguageSwitch({ onChoose }: { onChoose?: (language: Language) => void } = {}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <ToggleButtonGroup
      className="language-switch"
      aria-label={t('layout.language')}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[language]}
      onSelectionChange={(keys) => {
        const [next] = [...keys];
        if (next !== 'fr' && next !== 'en') return;
        changeLanguage(next);
        onChoose?.(next);
      }}
    >
      {LANGUAGES.map((code) => (
        <ToggleButton
          key={code}
          id={code}
          className="language-switch__option"
          aria-label={LANGUAGE_NAMES[code]}
          lang={code}
        >
          {code.toUpperCase()}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const saveLanguage = useProfileLanguage();
  const navClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'nav__link nav__link--active' : 'nav__link');
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/inbox/unanswered" className="brand">
            Ecoute
          </Link>
          <nav className="nav" aria-label={t('layout.mainNav')}>
            <NavLink to="/inbox" className={navClass}>
              {t('layout.inbox')}
            </NavLink>
            <NavLink to="/commitments" className={navClass}>
              {t('layout.commitments')}
            </NavLink>
            {hasRole(user.role, 'manager') ? (
              <NavLink to="/dashboard" className={navClass}>
                {t('layout.dashboard')}
              </NavLink>
            ) : null}
            {hasRole(user.role, 'manager') ? (
              <NavLink to="/words" className={navClass}>
                {t('layout.words')}
              </NavLink>
            ) : null}
            {hasRole(user.role, 'manager') ? (
              <NavLink to="/customer-days" className={navClass}>
                {t('layout.customerDay')}
              </NavLink>
            ) : null}
            {hasRole(user.role, 'manager') ? (
              <NavLink to="/settings/templates" className={navClass}>
                {t('layout.templates')}
              </NavLink>
            ) : null}
            {hasRole(user.role, 'manager') ? (
              <NavLink to="/settings/forms" className={navClass}>
                {t('layout.forms')}
              </NavLink>
            ) : null}
            {hasRole(user.role, 'manager') ? (
              <NavLink to="/settings/routing" className={navClass}>
                {t('layout.routing')}
              </NavLink>
            ) : null}
            {hasRole(user.role, 'manager') ? (
              <NavLink to="/settings/exports" className={navClass}>
                {t('layout.exports')}
              </NavLink>
            ) : null}
            {hasRole(user.role, 'manager') ? (
              <NavLink to="/settings/digests" className={navClass}>
                {t('layout.digests')}
              </NavLink>
            ) : null}
            {hasRole(user.role, 'admin') ? (
              <NavLink to="/settings/teams" className={navClass}>
                {t('layout.teams')}
              </NavLink>
            ) : null}
            {hasRole(user.role, 'admin') ? (
              <NavLink to="/settings/users" className={navClass}>
                {t('layout.users')}
              </NavLink>
            ) : null}
            {hasRole(user.role, 'admin') ? (
              <NavLink to="/settings/outbox" className={navClass}>
                {t('layout.outbox')}
              </NavLink>
            ) : null}
            {hasRole(user.role, 'admin') ? (
              <NavLink to="/settings/unmatched-mail" className={navClass}>
                {t('layout.unmatchedMail')}
              </NavLink>
            ) : null}
          </nav>
          <div className="header__user">
            <span className="header__who">
              <span className="header__name">{user.name}</span>
              <span className="header__role">{t(`roles.${user.role}`)}</span>
            </span>
            <AvailabilitySwitch />
            <LanguageSwitch onChoose={(locale) => saveLanguage.mutate(locale)} />
            <ActionError error={saveLanguage.error} />
            <Button
              size="small"
              variant="quiet"
              onPress={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
              isPending={logout.isPending}
            >
              {t('layout.signOut')}
            </Button>
          </div>
        </div>
      </header>
      <LiveUpdates />
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
