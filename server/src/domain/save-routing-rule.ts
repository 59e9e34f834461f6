// An admin or a manager writes a routing rule: what it names (a team, a person, forms) must exist, and
// its phrases are turned into lexemes by the database once, when it is saved, not at each message; a
// phrase of stop words only, which leaves no lexeme, is refused.
import type { RoutingRuleInput } from '@ecoute/shared/agent-contract';
import { rulePhrases } from '@ecoute/shared/routing';
import { findFormIds } from '../db/forms.repo.ts';
import { phraseLexemes, saveRoutingRule as storeRule } from '../db/routing-rules.repo.ts';
import type { RoutingRuleRow } from '../db/schema/index.ts';
import { findTeamName } from '../db/teams.repo.ts';
import type { Db } from '../db/transaction.ts';
import { findActiveUsers } from '../db/users.repo.ts';
import { DomainError } from './errors.ts';

/** The rule's fields as stored: the names it refers to checked, its phrases as lexemes. */
export async function ruleFields(db: Db, input: Omit<RoutingRuleInput, 'position'>) {
  const { actions, conditions } = input;
  if (actions.teamId !== undefined && (await findTeamName(db, actions.teamId)) === undefined) {
    throw new DomainError('invalid_input', 'unknown_team', 'actions.teamId: there is no such team.');
  }
  if (actions.assign?.kind === 'person' && (await findActiveUsers(db, [actions.assign.userId])).length === 0) {
    throw new DomainError('invalid_input', 'unknown_user', 'actions.assign.userId: no active user has this id.');
  }
  const formIds = conditions.flatMap((condition) => (condition.kind === 'form' ? condition.formIds : []));
  const known = new Set(await findFormIds(db, formIds));
  const unknown = formIds.find((id) => !known.has(id));
  if (unknown) throw new DomainError('invalid_input', 'unknown_form', `conditions: there is no form ${unknown}.`);
  const phrases = rulePhrases(conditions).map((phrase) => phrase.trim());
  const lexemes = await phraseLexemes(db, phrases);
  // Stop words ("de la", "the") leave no lexeme in their language: such a phrase would never match there.
  const fields = Object.fromEntries(
    conditions.flatMap((condition, index) =>
      condition.kind === 'words'
        ? condition.phrases.flatMap((phrase, at) =>
            Object.values(lexemes[phrase.trim()] ?? {}).some((words) => words.length === 0)
              ? [[`conditions.${index}.phrases.${at}`, `"${phrase.trim()}" has no searchable word`]]
              : [],
          )
        : [],
    ),
  );
  if (Object.keys(fields).length > 0) {
    throw new DomainError('invalid_input', 'invalid_request', 'Some fields are missing or invalid.', { fields });
  }
  return {
    name: input.name.trim(),
    match: input.match,
    conditions: conditions.map((condition) =>
      condition.kind === 'words'
        ? { ...condition, phrases: condition.phrases.map((phrase) => phrase.trim()) }
        : condition,
    ),
    actions,
    stop: input.stop,
    phraseLexemes: lexemes,
  };
}

/** Creates the rule (`id` undefined) or changes it; undefined when there is no rule with that id. */
export async function saveRoutingRule(
  db: Db,
  id: string | undefined,
  input: RoutingRuleInput,
): Promise<RoutingRuleRow | undefined> {
  return storeRule(db, id, await ruleFields(db, input), input.position);
}
