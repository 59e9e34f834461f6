// What the personalisation check found, said plainly, before the agent decides to send anyway.
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplyWarning } from '@ecoute/shared/templates';

export interface ReplyWarningsProps {
  warnings: ReplyWarning[];
  customerName: string | null;
  ref?: Ref<HTMLDivElement>;
}

export function ReplyWarnings({ warnings, customerName, ref }: ReplyWarningsProps) {
  const { t } = useTranslation();
  return (
    <div ref={ref} className="reply-warnings" role="alert" tabIndex={-1}>
      <p className="reply-warnings__title">{t('composer.warnings.title')}</p>
      <ul className="reply-warnings__list">
        {warnings.map((warning) => (
          <li key={warning}>
            {warning === 'not_addressed'
              ? t('composer.warnings.not_addressed', { name: customerName ?? '' })
              : t(`composer.warnings.${warning}`)}
          </li>
        ))}
      </ul>
      <p className="reply-warnings__why">{t('composer.warnings.why')}</p>
    </div>
  );
}
