// What a draft rule, or the whole ordered list, would have done to the newest messages: evaluated as
// at their arrival (their words, their language, whether the customer had written before), without
// changing anything.
import type { RoutingPreview, RoutingRuleInput } from '@ecoute/shared/agent-contract';
import { AGENT_LIMITS } from '@ecoute/shared/agent-values';
import { routeMessage, type RoutingRule } from '@ecoute/shared/routing';
import { previewMessages } from '../db/routing-rules.repo.ts';
import { listTeams } from '../db/teams.repo.ts';
import type { Db } from '../db/transaction.ts';
import { listUsers } from '../db/users.repo.ts';
import { loadRoutingRules } from './route-message.ts';
import { ruleFields } from './save-routing-rule.ts';

export async function previewRouting(
  db: Db,
  draft: Omit<RoutingRuleInput, 'position'> | undefined,
): Promise<RoutingPreview> {
  const rules: RoutingRule[] = draft
    ? [{ id: '', ...(await ruleFields(db, draft)) }]
    : (await loadRoutingRules(db)).rules;
  const [messages, teams, users] = await Promise.all([
    previewMessages(db, AGENT_LIMITS.previewMessages),
    listTeams(db),
    listUsers(db),
  ]);
  const teamNames = new Map(teams.map((team) => [team.id, team.name]));
  const userNames = new Map(users.map((user) => [user.id, user.name]));
  const matches: RoutingPreview['matches'] = [];
  for (const message of messages) {
    const decision = routeMessage(rules, message);
    if (decision.applied.length === 0) continue;
    const { teamId, assign } = decision;
    matches.push({
      message: {
        id: message.id,
        reference: message.reference,
        excerpt: message.excerpt,
        formName: message.formName,
        locale: message.locale,
        createdAt: new Date(message.createdAt).toISOString(),
      },
      // The draft has no id yet.
      rules: decision.applied.map(({ ruleId, ruleName, reasons }) => ({ id: ruleId || null, name: ruleName, reasons })),
      team: teamId ? { id: teamId, name: teamNames.get(teamId) ?? '' } : null,
      tags: decision.tags,
      assign:
        assign?.kind === 'person'
          ? { kind: 'person', user: { id: assign.userId, name: userNames.get(assign.userId) ?? '' } }
          : assign,
    });
  }
  return { examined: messages.length, matches };
}
