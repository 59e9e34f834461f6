// Routing a new message: the rules (shared/src/routing.ts) evaluated on what the database knows of it.
// With no rules nothing is asked of the database (the message goes to the default team by its column's
// default); with rules, one query at most, and only for what the rules read (lexemes, history).
import type { Locale } from '@ecoute/shared/locale';
import { needsHistory, needsLexemes, routeMessage, type RoutingRule } from '@ecoute/shared/routing';
import type { MessageRouting } from '../db/messages.repo.ts';
import { listRoutingRules, routingFacts } from '../db/routing-rules.repo.ts';
import { listTeams } from '../db/teams.repo.ts';
import type { Db } from '../db/transaction.ts';

/** The rules in their order, and the teams' names for the timeline. */
export interface RoutingRules {
  rules: RoutingRule[];
  teamNames: Map<string, string>;
}

export async function loadRoutingRules(db: Db): Promise<RoutingRules> {
  const [rules, teams] = await Promise.all([listRoutingRules(db), listTeams(db)]);
  return { rules, teamNames: new Map(teams.map((team) => [team.id, team.name])) };
}

export interface NewMessageFacts {
  formId: string;
  locale: Locale;
  body: string;
  customerEmail: string | null;
}

/** Where the rules put the message; undefined when no rule matched (the default team, nobody). */
export async function routeNewMessage(
  db: Db,
  { rules, teamNames }: RoutingRules,
  message: NewMessageFacts,
): Promise<MessageRouting | undefined> {
  if (rules.length === 0) return undefined;
  const wanted = { lexemes: needsLexemes(rules), history: needsHistory(rules) };
  const facts =
    wanted.lexemes || wanted.history ? await routingFacts(db, message, wanted) : { lexemes: [], writtenBefore: false };
  const decision = routeMessage(rules, { ...message, ...facts });
  if (decision.applied.length === 0) return undefined;
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  return {
    teamId: decision.teamId,
    tags: decision.tags,
    assign: decision.assign,
    rules: decision.applied.map(({ ruleId, ruleName, reasons }) => {
      const { actions } = byId.get(ruleId)!;
      return {
        ruleId,
        ruleName,
        reasons,
        teamName: actions.teamId ? (teamNames.get(actions.teamId) ?? null) : null,
        tags: actions.tags ?? [],
        assign: actions.assign?.kind ?? null,
      };
    }),
  };
}
