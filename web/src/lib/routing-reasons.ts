// Why a routing rule matched, in words ("the word livraison"): the timeline and the rules' preview
// both say it.
import type { TFunction } from 'i18next';
import type { AgentTimelineEvent } from '@ecoute/shared/agent-contract';

type RoutingReason = NonNullable<AgentTimelineEvent['routing']>[number]['reasons'][number];

export function routingReasonsText(t: TFunction, reasons: RoutingReason[]): string {
  if (reasons.length === 0) return t('timeline.types.reasons.always');
  return reasons
    .map((reason) => {
      switch (reason.kind) {
        case 'words':
          return t('timeline.types.reasons.words', { phrase: reason.phrase });
        case 'language':
          return t('timeline.types.reasons.language', { language: t(`languages.${reason.locale}`) });
        case 'form':
          return t('timeline.types.reasons.form');
        case 'email_domain':
          return t('timeline.types.reasons.email_domain', { domain: reason.domain });
        case 'returning_customer':
          return t('timeline.types.reasons.returning_customer');
      }
    })
    .join(', ');
}
