// Where an email Ecoute wrote stands, as a word and a colour; the word carries the meaning.
import type { EmailState } from '@ecoute/shared/statuses';
import { useTranslation } from 'react-i18next';

export function EmailStateBadge({ state }: { state: EmailState }) {
  const { t } = useTranslation();
  return <span className={`badge badge--email-${state}`}>{t(`emails.state.${state}`)}</span>;
}
