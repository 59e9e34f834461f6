import { describe, expect, it } from 'vitest';
import { lexemesFromTsvector } from './tsvector.ts';

describe('lexemesFromTsvector', () => {
  it('reads each lexeme at each of its positions, in the text’s order', () => {
    expect(lexemesFromTsvector("'arriv':7 'command':2,9 'tabl':4")).toEqual([
      ['command', 2],
      ['tabl', 4],
      ['arriv', 7],
      ['command', 9],
    ]);
  });

  it('puts two lexemes at one position in a stable order', () => {
    expect(lexemesFromTsvector("'wifi':3 'wi':3 'fi':4")).toEqual([
      ['wi', 3],
      ['wifi', 3],
      ['fi', 4],
    ]);
  });

  it('unquotes doubled quotes and backslashes, and ignores weights', () => {
    expect(lexemesFromTsvector("'l''app':1A 'a\\\\b':2,3B 'c\\'d':4")).toEqual([
      ["l'app", 1],
      ['a\\b', 2],
      ['a\\b', 3],
      ["c'd", 4],
    ]);
  });

  it('has no lexeme for an empty vector or one without positions', () => {
    expect(lexemesFromTsvector('')).toEqual([]);
    expect(lexemesFromTsvector("'stripped'")).toEqual([]);
  });
});
