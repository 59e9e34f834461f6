// Reply templates: rendering their variables, and the check that a reply is personal before it is sent.
// A circular letter that misses the point is worse than silence, so the composer (and the API) warn.

export interface TemplateContext {
  customer: { name: string | null; email: string | null };
  reference: string;
  agent: { name: string };
  form: { name: string };
}

/** The variables a template may use, in the order the composer lists them. */
export const TEMPLATE_VARIABLES = [
  'customer.name',
  'customer.firstName',
  'customer.email',
  'reference',
  'agent.name',
  'form.name',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const SPACED_PLACEHOLDER = /([ \t]*)\{\{\s*([\w.]+)\s*\}\}/g;
/** Anything written as a placeholder, known or not: `{{customer-name}}`, `{{ customer name }}`. */
const ANY_PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** Braces left over once whole placeholders are taken out: `{{customer.name}`, `customer.name}}`. */
function strayBraces(text: string): string[] {
  const rest = text.replace(ANY_PLACEHOLDER, '');
  return ['{{', '}}'].filter((braces) => rest.includes(braces));
}

/**
 * The placeholders of a template that are not variables (`variables`: a template's, unless said),
 * as written, and stray `{{` or `}}`: a template may keep none of them, they would reach the
 * customer as typed.
 */
export function unknownPlaceholders(template: string, variables: readonly string[] = TEMPLATE_VARIABLES): string[] {
  const known = new Set<string>(variables);
  const found = [...template.matchAll(ANY_PLACEHOLDER)].filter((match) => !known.has(match[1]!.trim()));
  return [...new Set(found.map((match) => match[0])), ...strayBraces(template)];
}

function variableValue(variable: string, context: TemplateContext): string | undefined {
  switch (variable as TemplateVariable) {
    case 'customer.name':
      return context.customer.name ?? '';
    case 'customer.firstName':
      return context.customer.name?.trim().split(/\s+/)[0] ?? '';
    case 'customer.email':
      return context.customer.email ?? '';
    case 'reference':
      return context.reference;
    case 'agent.name':
      return context.agent.name;
    case 'form.name':
      return context.form.name;
    default:
      return undefined;
  }
}

/**
 * Fills the variables; unknown ones stay as typed, so the review flags them. An empty name leaves no
 * stray space before punctuation ("Bonjour {{customer.name}}," → "Bonjour,").
 */
export function renderTemplate(template: string, context: TemplateContext): string {
  return fillPlaceholders(template, (variable) => variableValue(variable, context));
}

/**
 * `{{variable}}` → its value (unknown ones stay as typed), with renderTemplate's care for spaces: an
 * empty value takes the space before it along ("Merci {{name}} !" → "Merci !").
 */
export function fillPlaceholders(text: string, valueOf: (variable: string) => string | undefined): string {
  return text
    .replace(SPACED_PLACEHOLDER, (whole, space: string, variable: string) => {
      const value = valueOf(variable);
      return value === undefined ? whole : value ? space + value : '';
    })
    .replace(/[ \t]+([,.;:!?])/g, (match, mark: string) => (/[;:!?]/.test(mark) ? match : mark));
}

export type ReplyWarning = 'unedited_template' | 'not_addressed' | 'unfilled_placeholder';

export interface ReplyReviewInput {
  body: string;
  /** The message's templates, already rendered for this message. */
  renderedTemplates: readonly string[];
  customerName: string | null;
}

function normalize(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Words and their hyphenated pieces: "Marie-Hélène Dubois" → marie-helene, marie, helene, dubois. */
function nameParts(text: string): string[] {
  const words = normalize(text).match(/[\p{L}\p{N}'’-]+/gu) ?? [];
  const parts = new Set<string>();
  for (const word of words) {
    parts.add(word);
    for (const piece of word.split(/[-'’]/)) parts.add(piece);
  }
  return [...parts].filter((part) => part.length >= 2);
}

/** Particles of names that are also everyday words: "Jean de La Fontaine" is not addressed by "de la". */
const PARTICLES = new Set(
  'de la le les du des da di do dos das del della van von der den ten ter af av al el ben bin ibn y e et und and'.split(
    ' ',
  ),
);

/** Scripts written without spaces between words: a name is found inside the text, not as a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/** Whether the reply uses the customer's name: a part of it that is not a mere particle. */
function addresses(text: string, customerName: string): boolean | undefined {
  const parts = nameParts(customerName).filter((part) => !PARTICLES.has(part));
  // A "name" with no part of two letters or more ("X", ".") cannot be used: no warning nobody can fix.
  if (parts.length === 0) return undefined;
  const words = new Set(nameParts(text));
  return parts.some((part) => (UNSPACED.test(part) ? text.includes(part) : words.has(part)));
}

/** Warnings to show before sending; an empty list means the reply reads as written for this customer. */
export function reviewReply({ body, renderedTemplates, customerName }: ReplyReviewInput): ReplyWarning[] {
  const warnings: ReplyWarning[] = [];
  const text = normalize(body);
  if (renderedTemplates.some((template) => normalize(template) === text)) warnings.push('unedited_template');
  if (addresses(text, customerName ?? '') === false) warnings.push('not_addressed');
  if (new RegExp(ANY_PLACEHOLDER.source).test(body) || strayBraces(body).length > 0) {
    warnings.push('unfilled_placeholder');
  }
  return warnings;
}
