// What a rule (or the list) would have done to the newest messages: how many matched, and for each
// one why and what would have changed.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RoutingPreview } from '@ecoute/shared/agent-contract';
import { routingReasonsText } from '../../../lib/routing-reasons.ts';

/** `list`: the whole ordered list was previewed, not one rule. */
export function PreviewResult({ preview, list = false }: { preview: RoutingPreview; list?: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="preview" aria-labelledby="preview-title" aria-live="polite">
      <h3 id="preview-title" className="subsection-title">
        {list ? t('routing.previewAllTitle') : t('routing.previewTitle')}
      </h3>
      <p role="status">
        {preview.matches.length === 0
          ? t('routing.previewNone')
          : t('routing.previewSummary', { count: preview.matches.length, examined: preview.examined })}
      </p>
      <ul className="preview__matches">
        {preview.matches.map((match) => (
          <li key={match.message.id} className="preview__match">
            <Link to={`/messages/${match.message.id}`}>{match.message.reference}</Link>{' '}
            <span className="muted">{match.message.excerpt}</span>
            <div>{match.rules.map((rule) => `${rule.name} (${routingReasonsText(t, rule.reasons)})`).join(' → ')}</div>
            <div className="muted">
              {t('routing.wouldDo', {
                team: match.team?.name ?? t('routing.unchangedTeam'),
                tags: match.tags.length ? match.tags.map((tag) => `#${tag}`).join(' ') : t('routing.noTags'),
                assign:
                  match.assign?.kind === 'person'
                    ? match.assign.user.name
                    : match.assign?.kind === 'round_robin'
                      ? t('routing.roundRobin')
                      : t('routing.unchangedAssignee'),
              })}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
