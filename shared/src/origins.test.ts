import { describe, expect, it } from 'vitest';
import { canonicalOrigin, isOriginAllowed, ORIGIN_PATTERN } from './origins.ts';

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

describe('canonicalOrigin', () => {
  it('is what browsers send, for origins written as they send them and for * ', () => {
    for (const good of ['https://shop.example', 'http://127.0.0.1:8080', 'https://[::1]:3000', '*'])
      expect(canonicalOrigin(good), good).toBe(good);
  });
  it('names the origin browsers would send when one is written otherwise', () => {
    expect(canonicalOrigin('https://shop.example/')).toBe('https://shop.example');
    expect(canonicalOrigin('https://Shop.Example')).toBe('https://shop.example');
    expect(canonicalOrigin('https://shop.example:443')).toBe('https://shop.example');
    expect(canonicalOrigin('https://shop.example/contact?x')).toBe('https://shop.example');
    expect(canonicalOrigin('https://café.example')).toBe('https://xn--caf-dma.example');
  });
  it('has none for what is no web origin at all', () => {
    for (const bad of ['shop.example', 'ftp://shop.example', 'null', '', 'https://', '**'])
      expect(canonicalOrigin(bad), bad).toBeUndefined();
  });
});
