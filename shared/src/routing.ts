// Routing rules, evaluated in order on a new message: pure logic, so the server (at submission, for
// inbound mail, for the preview) and the tests share it. The database computes the lexemes (text
// search, with accents folded: migrations/0004) of the message and of each rule's phrases; here they
// are only compared, so "livraisons" matches "livraison" and "velo" matches "vélo".
import type { Locale } from './locale.ts';

export const ROUTING_MATCHES = ['all', 'any'] as const;
export type RoutingMatch = (typeof ROUTING_MATCHES)[number];

export const ROUTING_CONDITION_KINDS = ['form', 'language', 'words', 'email_domain', 'returning_customer'] as const;

export type RoutingCondition =
  /** The message came by one of these forms. */
  | { kind: 'form'; formIds: string[] }
  /** The message is in one of these languages. */
  | { kind: 'language'; locales: Locale[] }
  /** The message contains one of these words or phrases (a phrase: its words in that order). */
  | { kind: 'words'; phrases: string[] }
  /** The customer's email is at one of these domains (or a subdomain of one). */
  | { kind: 'email_domain'; domains: string[] }
  /** The customer (by email) has written before. */
  | { kind: 'returning_customer' };

export type RoutingAssign = { kind: 'person'; userId: string } | { kind: 'round_robin' };

export interface RoutingActions {
  teamId?: string;
  tags?: string[];
  assign?: RoutingAssign;
}

/** A lexeme and its position in the text (their order is what a phrase is matched on). */
export type Lexeme = [word: string, position: number];

/** Each phrase of a rule's word conditions, as lexemes in each language's configuration. */
export type PhraseLexemes = Record<string, Record<Locale, Lexeme[]>>;

export interface RoutingRule {
  id: string;
  name: string;
  match: RoutingMatch;
  conditions: RoutingCondition[];
  actions: RoutingActions;
  stop: boolean;
  phraseLexemes: PhraseLexemes;
}

/** What rules know of a message. */
export interface RoutedMessage {
  formId: string;
  locale: Locale;
  /** The message's lexemes in its language's configuration (see needsLexemes). */
  lexemes: Lexeme[];
  customerEmail: string | null;
  /** Whether an earlier message has the same customer email (see needsHistory). */
  writtenBefore: boolean;
}

/** One condition that held: the timeline and the preview say it ("the word livraison"). */
export type RoutingReason =
  | { kind: 'form'; formId: string }
  | { kind: 'language'; locale: Locale }
  | { kind: 'words'; phrase: string }
  | { kind: 'email_domain'; domain: string }
  | { kind: 'returning_customer' };

export interface AppliedRule {
  ruleId: string;
  ruleName: string;
  reasons: RoutingReason[];
}

/** What the rules decided: the last team and assignment set win, tags add up. */
export interface RoutingDecision {
  teamId: string | null;
  tags: string[];
  assign: RoutingAssign | null;
  applied: AppliedRule[];
}

/** Whether any rule needs the message's lexemes: the database computes them only then. */
export const needsLexemes = (rules: readonly RoutingRule[]) =>
  rules.some((rule) => rule.conditions.some((condition) => condition.kind === 'words'));

/** Whether any rule asks if the customer wrote before: the database looks only then. */
export const needsHistory = (rules: readonly RoutingRule[]) =>
  rules.some((rule) => rule.conditions.some((condition) => condition.kind === 'returning_customer'));

/** Every phrase the rules' word conditions hold, for the database to turn into lexemes. */
export const rulePhrases = (conditions: readonly RoutingCondition[]) => [
  ...new Set(conditions.flatMap((condition) => (condition.kind === 'words' ? condition.phrases : []))),
];

/**
 * Whether `phrase` occurs in `text`: its lexemes one after the other, in order. Words the language
 * ignores (stop words: "de", "la", "the") leave no lexeme and so no gap: "retard de livraison" is
 * found in "le retard de la livraison".
 */
export function containsPhrase(text: readonly Lexeme[], phrase: readonly Lexeme[]): boolean {
  if (phrase.length === 0) return false;
  const words = sequence(text);
  const wanted = sequence(phrase);
  return words.some((_, start) => wanted.every((word, offset) => words[start + offset] === word));
}

const sequence = (lexemes: readonly Lexeme[]) =>
  lexemes.toSorted((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([word]) => word);

/** The domain of an address, in lower case; null without one. */
function emailDomain(email: string | null): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  return at < 0
    ? null
    : email!
        .slice(at + 1)
        .trim()
        .toLowerCase()
        .replace(/\.$/, '');
}

/** The condition's reason when it holds for the message; null when it does not. */
function holds(rule: RoutingRule, condition: RoutingCondition, message: RoutedMessage): RoutingReason | null {
  switch (condition.kind) {
    case 'form':
      return condition.formIds.includes(message.formId) ? { kind: 'form', formId: message.formId } : null;
    case 'language':
      return condition.locales.includes(message.locale) ? { kind: 'language', locale: message.locale } : null;
    case 'words': {
      const phrase = condition.phrases.find((candidate) =>
        containsPhrase(message.lexemes, rule.phraseLexemes[candidate]?.[message.locale] ?? []),
      );
      return phrase === undefined ? null : { kind: 'words', phrase };
    }
    case 'email_domain': {
      const domain = emailDomain(message.customerEmail);
      if (!domain) return null;
      const wanted = condition.domains
        .map((candidate) => candidate.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, ''))
        .find((candidate) => candidate && (domain === candidate || domain.endsWith(`.${candidate}`)));
      return wanted === undefined ? null : { kind: 'email_domain', domain: wanted };
    }
    case 'returning_customer':
      return message.writtenBefore ? { kind: 'returning_customer' } : null;
  }
}

/**
 * Whether the rule matches, and why: `all` needs every condition, `any` one of them. A rule with no
 * condition matches every message (a catch-all at the end of the list).
 */
export function matchRule(rule: RoutingRule, message: RoutedMessage): RoutingReason[] | null {
  const reasons = rule.conditions.map((condition) => holds(rule, condition, message));
  const found = reasons.filter((reason) => reason !== null);
  if (rule.conditions.length === 0) return [];
  if (rule.match === 'all') return found.length === rule.conditions.length ? found : null;
  return found.length > 0 ? found : null;
}

/** Evaluates the rules in their order; a matching rule that says `stop` ends the evaluation. */
export function routeMessage(rules: readonly RoutingRule[], message: RoutedMessage): RoutingDecision {
  const decision: RoutingDecision = { teamId: null, tags: [], assign: null, applied: [] };
  for (const rule of rules) {
    const reasons = matchRule(rule, message);
    if (!reasons) continue;
    decision.applied.push({ ruleId: rule.id, ruleName: rule.name, reasons });
    const { teamId, tags, assign } = rule.actions;
    if (teamId !== undefined) decision.teamId = teamId;
    for (const tag of tags ?? []) if (!decision.tags.includes(tag)) decision.tags.push(tag);
    if (assign !== undefined) decision.assign = assign;
    if (rule.stop) break;
  }
  return decision;
}
