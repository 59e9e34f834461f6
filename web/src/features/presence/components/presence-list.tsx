// Who else is on a message, and whether they are writing a reply: on the message page (announced
// politely as it changes) and in an inbox row. Nothing when nobody else is there.
import { useTranslation } from 'react-i18next';
import type { Presence } from '@ecoute/shared/agent-contract';

export function PresenceList({ people, announce = false }: { people: Presence[]; announce?: boolean }) {
  const { t } = useTranslation();
  const list =
    people.length === 0 ? null : (
      <ul className="presence" aria-label={t('presence.label')}>
        {people.map(({ user, state }) => (
          <li key={user.id} className={`presence__person presence__person--${state}`}>
            {t(`presence.${state}`, { name: user.name })}
          </li>
        ))}
      </ul>
    );
  if (!announce) return list;
  return (
    <div className="presence-region" role="status" aria-live="polite">
      {list}
    </div>
  );
}
