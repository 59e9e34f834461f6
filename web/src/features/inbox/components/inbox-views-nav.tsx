// The inbox views as a navigation, each with how many messages it holds (when the server counts it).
import { NavLink, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MessageCounts } from '@ecoute/shared/agent-contract';
import { VIEWS } from '../../../lib/contract-values.ts';
import { useMessageCounts } from '../api/get-message-counts.ts';

export function InboxViewsNav() {
  const { t } = useTranslation();
  const counts = useMessageCounts();
  const [searchParams] = useSearchParams();
  // Switching views keeps the search and the tag filter.
  const search = searchParams.toString();
  return (
    <nav className="views" aria-label={t('inbox.viewsNav')}>
      <ul className="views__list">
        {VIEWS.map((view, index) => {
          const count = counts.data?.[view as keyof MessageCounts];
          return (
            <li key={view}>
              <NavLink
                to={{ pathname: `/inbox/${view}`, search }}
                className={({ isActive }) => (isActive ? 'views__link views__link--active' : 'views__link')}
                aria-keyshortcuts={String(index + 1)}
              >
                <span className="views__name">{t(`views.${view}`)}</span>
                {count !== undefined ? (
                  <span className={count > 0 ? `views__count views__count--${view}` : 'views__count'}>
                    <span className="visually-hidden">: </span>
                    {count}
                  </span>
                ) : null}
              </NavLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
