// A tsvector as PostgreSQL writes it ('lexeme':1,4 'other':2), read into the lexemes routing rules
// match on: one definition of a text's lexemes for the rules, their phrases and the preview.
import type { Lexeme } from '@ecoute/shared/routing';

// A quoted lexeme (a quote doubled, any other character after a backslash), then its positions, each
// with an optional weight letter.
const ENTRY = /'((?:[^'\\]|''|\\.)*)'(?::([0-9A-D,]+))?/g;
const ESCAPED = /['\\]/;

/** The lexemes of a tsvector's text with their positions, in the text's order. */
export function lexemesFromTsvector(text: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  for (const [, quoted, positions] of text.matchAll(ENTRY)) {
    const word = ESCAPED.test(quoted!) ? quoted!.replace(/''/g, "'").replace(/\\(.)/g, '$1') : quoted!;
    for (const position of positions?.split(',') ?? []) lexemes.push([word, Number.parseInt(position, 10)]);
  }
  return lexemes.sort(([a, p], [b, q]) => p - q || (a < b ? -1 : a > b ? 1 : 0));
}
