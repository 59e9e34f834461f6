import { describe, expect, it } from 'vitest';
import { isOriginAllowed, ORIGIN_PATTERN } from './origins.ts';

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
