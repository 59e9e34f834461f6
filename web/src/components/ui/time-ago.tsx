// A moment shown relative to now ("3 hours ago"), with the exact date and time on hover and in the
// machine-readable attribute.
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../../lib/format.ts';

export function TimeAgo({ at }: { at: string }) {
  const { i18n } = useTranslation();
  return (
    <time dateTime={at} title={formatDateTime(at, i18n.language)}>
      {formatRelative(at, i18n.language)}
    </time>
  );
}
