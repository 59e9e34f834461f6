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
  const quarantined = actions.includes('unmark_spam');
  if (!actions.includes('mark_spam') && !quarantined) return null;
  return (
    <section className="panel">
      <h2 className="panel__title">{t('spam.title')}</h2>
      {quarantined ? <p className="muted">{t('spam.quarantined')}</p> : null}
      {/* One button that changes its words, not two that swap: the element that had the focus keeps
          it, and react-aria reads its new name out when it stops being pending. */}
      <Button
        size="small"
        variant={quarantined ? 'primary' : 'danger'}
        onPress={() => markSpam.mutate(!quarantined)}
        isPending={markSpam.isPending}
      >
        {quarantined ? t('spam.unmark') : t('spam.mark')}
      </Button>
      <ActionError error={markSpam.error} />
    </section>
  );
}
