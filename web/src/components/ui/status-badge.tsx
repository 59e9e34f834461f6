// A message's status as a word and a colour; the word carries the meaning, the colour only helps.
import type { MessageStatus } from '@ecoute/shared/contract';
import { useTranslation } from 'react-i18next';

export function StatusBadge({ status }: { status: MessageStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`status.${status}`)}</span>;
}
