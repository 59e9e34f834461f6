import { describe, expect, it } from 'vitest';
import { isOriginAllowed, ORIGIN_PATTERN, originProblem } from './origins.ts';

describe('isOriginAllowed', () => {
  it('takes the listed origins exactly, and any with *', () => {
    expect(isOriginAllowed(['https://shop.example'], 'https://shop.example')).toBe(true);
    expect(isOriginAllowed(['https://shop.example'], 'http://shop.example')).toBe(false);
    expect(isOriginAllowed(['https://shop.example'], 'https://shop.example:8443')).toBe(false);
    expect(isOriginAllowed([], 'https://shop.example')).toBe(false);
    expect(isOriginAllowed(['*'], 'null')).toBe(true);
  });
});

describe('ORIGIN_PATTERN', () => {
  const origin = new RegExp(ORIGIN_PATTERN);
  it('matches what browsers send in Origin, and nothing with a path, query or credentials', () => {
    for (const good of ['https://shop.example', 'http://127.0.0.1:8080', 'null', 'https://[::1]:3000'])
      expect(origin.test(good), good).toBe(true);
    for (const bad of ['shop.example', 'https://shop.example/', 'https://a@b.example', 'ftp://x', 'https://x?y', ''])
      expect(origin.test(bad), bad).toBe(false);
  });
});

describe('originProblem', () => {
  it('takes origins as browsers send them, and * for any page', () => {
    for (const good of ['https://shop.example', 'http://127.0.0.1:8080', 'https://[::1]:3000', '*'])
      expect(originProblem(good), good).toBeUndefined();
  });
  it('names the origin browsers would send when one is written otherwise', () => {
    expect(originProblem('https://shop.example/')).toMatch(/write https:\/\/shop\.example$/);
    expect(originProblem('https://Shop.Example')).toMatch(/write https:\/\/shop\.example$/);
    expect(originProblem('https://shop.example:443')).toMatch(/write https:\/\/shop\.example$/);
    expect(originProblem('https://shop.example/contact?x')).toMatch(/write https:\/\/shop\.example$/);
    expect(originProblem('https://café.example')).toMatch(/write https:\/\/xn--caf-dma\.example$/);
  });
  it('refuses what is no web origin at all', () => {
    for (const bad of ['shop.example', 'ftp://shop.example', 'null', '', 'https://', '**'])
      expect(originProblem(bad), bad).toMatch(/must be an origin/);
  });
});
