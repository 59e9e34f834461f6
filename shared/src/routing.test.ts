import { describe, expect, it } from 'vitest';
import {
  containsPhrase,
  matchRule,
  needsHistory,
  needsLexemes,
  routeMessage,
  rulePhrases,
  type Lexeme,
  type PhraseLexemes,
  type RoutedMessage,
  type RoutingRule,
} from './routing.ts';

// Lexemes as PostgreSQL's french_unaccent and english_unaccent configurations (migrations/0004) give
// them: stemmed, accents folded, stop words dropped (their positions skipped). The integration tests
// (tests/api/routing.test.ts) check the same cases through the database.
const FR: Record<string, Lexeme[]> = {
  livraisons: [['livraison', 1]],
  'Ma livraison est en retard': [
    ['livraison', 2],
    ['retard', 5],
  ],
  'retard de livraison': [
    ['retard', 1],
    ['livraison', 3],
  ],
  'le retard de la livraison': [
    ['retard', 2],
    ['livraison', 5],
  ],
  'Le vélo est cassé': [
    ['velo', 2],
    ['cass', 4],
  ],
  velo: [['velo', 1]],
  remboursement: [['rembours', 1]],
  'Je veux être remboursé': [
    ['veux', 2],
    ['etre', 3],
    ['rembours', 4],
  ],
  'colis abîmé': [
    ['colis', 1],
    ['abim', 2],
  ],
};
const EN: Record<string, Lexeme[]> = {
  deliveries: [['deliveri', 1]],
  'My delivery is late': [
    ['deliveri', 2],
    ['late', 4],
  ],
  'late delivery': [
    ['late', 1],
    ['deliveri', 2],
  ],
  'delivery late': [
    ['deliveri', 1],
    ['late', 2],
  ],
  refund: [['refund', 1]],
  'I want a refund please': [
    ['want', 2],
    ['refund', 4],
    ['pleas', 5],
  ],
  'the café was closed': [
    ['cafe', 2],
    ['close', 4],
  ],
  cafe: [['cafe', 1]],
  'damaged parcel': [
    ['damag', 1],
    ['parcel', 2],
  ],
};

const FORM_SHOP = '11111111-1111-4111-8111-111111111111';
const FORM_SUPPORT = '22222222-2222-4222-8222-222222222222';
const TEAM_DELIVERY = '33333333-3333-4333-8333-333333333333';
const TEAM_BILLING = '44444444-4444-4444-8444-444444444444';
const SAM = '55555555-5555-4555-8555-555555555555';

/** Phrases as the database turns them into lexemes at save: each language's own. */
function lexemesOf(phrases: string[]): PhraseLexemes {
  return Object.fromEntries(phrases.map((phrase) => [phrase, { fr: FR[phrase] ?? [], en: EN[phrase] ?? [] }]));
}

let ids = 0;
function rule(fields: Partial<RoutingRule> & Pick<RoutingRule, 'conditions'>): RoutingRule {
  const phrases = rulePhrases(fields.conditions);
  return {
    id: `rule-${++ids}`,
    name: fields.name ?? `Rule ${ids}`,
    match: 'all',
    actions: { teamId: TEAM_DELIVERY },
    stop: false,
    phraseLexemes: lexemesOf(phrases),
    ...fields,
  };
}

function message(text: string, fields: Partial<RoutedMessage> = {}): RoutedMessage {
  const locale = fields.locale ?? (FR[text] ? 'fr' : 'en');
  return {
    formId: FORM_SHOP,
    locale,
    lexemes: (locale === 'fr' ? FR : EN)[text] ?? [],
    customerEmail: null,
    writtenBefore: false,
    ...fields,
  };
}

describe('containsPhrase', () => {
  it('finds a word whatever its form (the lexemes are stemmed)', () => {
    expect(containsPhrase(FR['Ma livraison est en retard']!, FR['livraisons']!)).toBe(true);
    expect(containsPhrase(EN['My delivery is late']!, EN['deliveries']!)).toBe(true);
    expect(containsPhrase(FR['Je veux être remboursé']!, FR['remboursement']!)).toBe(true);
    expect(containsPhrase(EN['I want a refund please']!, EN['refund']!)).toBe(true);
  });

  it('finds a phrase only with its words in order, stop words between them or not', () => {
    expect(containsPhrase(FR['le retard de la livraison']!, FR['retard de livraison']!)).toBe(true);
    expect(containsPhrase(FR['Ma livraison est en retard']!, FR['retard de livraison']!)).toBe(false);
    expect(containsPhrase(EN['late delivery']!, EN['late delivery']!)).toBe(true);
    expect(containsPhrase(EN['My delivery is late']!, EN['late delivery']!)).toBe(false);
    expect(containsPhrase(EN['My delivery is late']!, EN['delivery late']!)).toBe(true);
  });

  it('ignores accents (the configurations fold them before stemming)', () => {
    expect(containsPhrase(FR['Le vélo est cassé']!, FR['velo']!)).toBe(true);
    expect(containsPhrase(EN['the café was closed']!, EN['cafe']!)).toBe(true);
  });

  it('never matches an empty phrase (only stop words) and never in an empty text', () => {
    expect(containsPhrase(FR['Le vélo est cassé']!, [])).toBe(false);
    expect(containsPhrase([], FR['velo']!)).toBe(false);
  });

  it('does not match a part of a longer phrase that is missing', () => {
    expect(containsPhrase(FR['colis abîmé']!, FR['Le vélo est cassé']!)).toBe(false);
    expect(containsPhrase(EN['damaged parcel']!, [...EN['damaged parcel']!, ['box', 3]])).toBe(false);
  });
});

describe('matchRule', () => {
  it('words: in the message’s own language, and says which phrase matched', () => {
    const livraisons = rule({ name: 'Livraisons', conditions: [{ kind: 'words', phrases: ['livraisons'] }] });
    expect(matchRule(livraisons, message('Ma livraison est en retard'))).toEqual([
      { kind: 'words', phrase: 'livraisons' },
    ]);
    // The French phrase has no English lexemes that an English message could contain.
    expect(matchRule(livraisons, message('My delivery is late'))).toBeNull();
    const both = rule({ conditions: [{ kind: 'words', phrases: ['livraisons', 'deliveries'] }] });
    expect(matchRule(both, message('My delivery is late'))).toEqual([{ kind: 'words', phrase: 'deliveries' }]);
    expect(matchRule(both, message('Ma livraison est en retard'))).toEqual([{ kind: 'words', phrase: 'livraisons' }]);
    expect(matchRule(both, message('I want a refund please'))).toBeNull();
  });

  it('form and language', () => {
    const shopFrench = rule({
      conditions: [
        { kind: 'form', formIds: [FORM_SHOP] },
        { kind: 'language', locales: ['fr'] },
      ],
    });
    expect(matchRule(shopFrench, message('velo'))).toEqual([
      { kind: 'form', formId: FORM_SHOP },
      { kind: 'language', locale: 'fr' },
    ]);
    expect(matchRule(shopFrench, message('cafe'))).toBeNull();
    expect(matchRule(shopFrench, message('velo', { formId: FORM_SUPPORT }))).toBeNull();
  });

  it('email domain: the domain or a subdomain, whatever the case, never a lookalike', () => {
    const acme = rule({ conditions: [{ kind: 'email_domain', domains: ['Acme.example', '@partner.example'] }] });
    const at = (customerEmail: string | null) => matchRule(acme, message('refund', { customerEmail }));
    expect(at('lea@acme.example')).toEqual([{ kind: 'email_domain', domain: 'acme.example' }]);
    expect(at('Lea@EU.ACME.example')).toEqual([{ kind: 'email_domain', domain: 'acme.example' }]);
    expect(at('sam@partner.example')).toEqual([{ kind: 'email_domain', domain: 'partner.example' }]);
    expect(at('lea@notacme.example')).toBeNull();
    expect(at('lea@acme.example.evil')).toBeNull();
    expect(at(null)).toBeNull();
    expect(at('no-at-sign')).toBeNull();
  });

  it('returning customer', () => {
    const returning = rule({ conditions: [{ kind: 'returning_customer' }] });
    expect(matchRule(returning, message('refund', { writtenBefore: true }))).toEqual([{ kind: 'returning_customer' }]);
    expect(matchRule(returning, message('refund'))).toBeNull();
  });

  it('all needs every condition, any needs one and lists those that held', () => {
    const conditions = [
      { kind: 'words', phrases: ['refund', 'remboursement'] },
      { kind: 'returning_customer' },
    ] as RoutingRule['conditions'];
    const all = rule({ match: 'all', conditions });
    const any = rule({ match: 'any', conditions });
    expect(matchRule(all, message('I want a refund please'))).toBeNull();
    expect(matchRule(all, message('I want a refund please', { writtenBefore: true }))).toEqual([
      { kind: 'words', phrase: 'refund' },
      { kind: 'returning_customer' },
    ]);
    expect(matchRule(any, message('Je veux être remboursé'))).toEqual([{ kind: 'words', phrase: 'remboursement' }]);
    expect(matchRule(any, message('cafe', { writtenBefore: true }))).toEqual([{ kind: 'returning_customer' }]);
    expect(matchRule(any, message('cafe'))).toBeNull();
  });

  it('a rule without conditions matches every message', () => {
    expect(matchRule(rule({ match: 'all', conditions: [] }), message('cafe'))).toEqual([]);
    expect(matchRule(rule({ match: 'any', conditions: [] }), message('velo'))).toEqual([]);
  });
});

describe('routeMessage', () => {
  const delivery = rule({
    name: 'Livraisons',
    conditions: [{ kind: 'words', phrases: ['livraisons', 'deliveries'] }],
    actions: { teamId: TEAM_DELIVERY, tags: ['livraison'], assign: { kind: 'round_robin' } },
  });
  const refunds = rule({
    name: 'Remboursements',
    match: 'any',
    conditions: [{ kind: 'words', phrases: ['remboursement', 'refund'] }],
    actions: { teamId: TEAM_BILLING, tags: ['argent'] },
    stop: true,
  });
  const vip = rule({
    name: 'VIP',
    conditions: [{ kind: 'email_domain', domains: ['vip.example'] }],
    actions: { tags: ['vip'], assign: { kind: 'person', userId: SAM } },
  });

  it('nothing matched: no team, no tags, nobody', () => {
    expect(routeMessage([delivery, refunds, vip], message('cafe'))).toEqual({
      teamId: null,
      tags: [],
      assign: null,
      applied: [],
    });
    expect(routeMessage([], message('cafe')).applied).toEqual([]);
  });

  it('one rule: its team, tags and assignment, and why', () => {
    expect(routeMessage([delivery, refunds, vip], message('Ma livraison est en retard'))).toEqual({
      teamId: TEAM_DELIVERY,
      tags: ['livraison'],
      assign: { kind: 'round_robin' },
      applied: [{ ruleId: delivery.id, ruleName: 'Livraisons', reasons: [{ kind: 'words', phrase: 'livraisons' }] }],
    });
  });

  it('rules add up in order: the last team and assignment win, tags gather without repeats', () => {
    const decision = routeMessage(
      [delivery, vip, { ...vip, id: 'again', name: 'VIP again' }],
      message('My delivery is late', { customerEmail: 'ceo@vip.example' }),
    );
    expect(decision.teamId).toBe(TEAM_DELIVERY);
    expect(decision.tags).toEqual(['livraison', 'vip']);
    expect(decision.assign).toEqual({ kind: 'person', userId: SAM });
    expect(decision.applied.map((applied) => applied.ruleName)).toEqual(['Livraisons', 'VIP', 'VIP again']);
  });

  it('a matching rule that stops ends the evaluation; one that does not match does not', () => {
    const both = message('Je veux être remboursé', { customerEmail: 'ceo@vip.example' });
    expect(routeMessage([refunds, vip], both).applied.map((applied) => applied.ruleName)).toEqual(['Remboursements']);
    expect(routeMessage([vip, refunds], both).applied.map((applied) => applied.ruleName)).toEqual([
      'VIP',
      'Remboursements',
    ]);
    // Refunds does not match here, so its `stop` does not apply.
    expect(
      routeMessage([refunds, vip], message('cafe', { customerEmail: 'a@vip.example' })).applied.map(
        (applied) => applied.ruleName,
      ),
    ).toEqual(['VIP']);
  });

  it('the order decides: the same rules the other way round give another team', () => {
    const both = message('I want a refund please', { customerEmail: 'x@vip.example' });
    const toDelivery = rule({ conditions: [{ kind: 'returning_customer' }], actions: { teamId: TEAM_DELIVERY } });
    const withHistory = { ...both, writtenBefore: true };
    expect(routeMessage([toDelivery, { ...refunds, stop: false }], withHistory).teamId).toBe(TEAM_BILLING);
    expect(routeMessage([{ ...refunds, stop: false }, toDelivery], withHistory).teamId).toBe(TEAM_DELIVERY);
  });
});

describe('what the database is asked for', () => {
  it('lexemes only for word conditions, history only for returning customers', () => {
    const form = rule({ conditions: [{ kind: 'form', formIds: [FORM_SHOP] }] });
    const words = rule({ conditions: [{ kind: 'words', phrases: ['velo'] }] });
    const returning = rule({ conditions: [{ kind: 'returning_customer' }] });
    expect(needsLexemes([form, returning])).toBe(false);
    expect(needsLexemes([form, words])).toBe(true);
    expect(needsHistory([form, words])).toBe(false);
    expect(needsHistory([returning])).toBe(true);
  });

  it('rulePhrases lists each phrase once', () => {
    expect(
      rulePhrases([
        { kind: 'words', phrases: ['velo', 'refund'] },
        { kind: 'language', locales: ['fr'] },
        { kind: 'words', phrases: ['velo'] },
      ]),
    ).toEqual(['velo', 'refund']);
  });
});
