import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from './exports.ts';

describe('neutraliseFormula', () => {
  it('gives a leading apostrophe to what a spreadsheet would run', () => {
    for (const cell of ['=HYPERLINK("x")', '+33 1 23', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    }
  });
  it('leaves everything else as it is', () => {
    for (const cell of ['Bonjour', '', ' =1', '2026-12-02T10:00:00.000Z', "'quoted"]) {
      expect(neutraliseFormula(cell)).toBe(cell);
    }
  });
});
