// Quarantine or release a message, offered only when its status allows it (the shared lifecycle).
import { useTranslation } from 'react-i18next';
import type { MessageStatus } from '@ecoute/shared/contract';
import { allowedActions } from '@ecoute/shared/lifecycle';
import { Button } from '../../../components/ui/button.tsx';
import { ActionError } from '../../../components/ui/states.tsx';
import { useMarkSpam } from '../api/mark-spam.ts';

export interface SpamActionsProps {
  messageId: string;
  status: MessageStatus;
  /** Replied to at least once: then it is a conversation, never spam. */
  answered: boolean;
}

export function SpamActions({ messageId, status, answered }: SpamActionsProps) {
  const { t } = useTranslation();
  const markSpam = useMarkSpam(messageId);
  const actions = allowedActions(status, answered);
  if (!actions.includes('mark_spam') && !actions.includes('unmark_spam')) return null;
  return (
    <section className="panel">
      <h2 className="panel__title">{t('spam.title')}</h2>
      {actions.includes('mark_spam') ? (
        <Button size="small" variant="danger" onPress={() => markSpam.mutate(true)} isPending={markSpam.isPending}>
          {t('spam.mark')}
        </Button>
      ) : null}
      {actions.includes('unmark_spam') ? (
        <>
          <p className="muted">{t('spam.quarantined')}</p>
          <Button size="small" variant="primary" onPress={() => markSpam.mutate(false)} isPending={markSpam.isPending}>
            {t('spam.unmark')}
          </Button>
        </>
      ) : null}
      <ActionError error={markSpam.error} />
    </section>
  );
}
