import { describe, expect, it } from 'vitest';
import { newReference } from '../db/reference.ts';
import { hashIdempotencyKey } from './idempotency-key.ts';
import { hashTrackingToken, newSecret, openToken, sealToken } from './secrets.ts';

describe('tracking tokens', () => {
  it('carry 256 random bits in URL-safe text', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newSecret));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
  it('are hashed one way, apart from idempotency keys', () => {
    expect(hashTrackingToken('abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashTrackingToken('abc')).not.toBe(hashIdempotencyKey('abc'));
  });
  it('can be unsealed only with the idempotency key they were sealed with', () => {
    const token = newSecret();
    const sealed = sealToken(token, 'key-1');
    expect(sealed).not.toContain(token);
    expect(openToken(sealed, 'key-1')).toBe(token);
    expect(() => openToken(sealed, 'key-2')).toThrow();
  });
});

describe('references', () => {
  it('read aloud without look-alike characters', () => {
    for (let i = 0; i < 500; i++) expect(newReference()).toMatch(/^EC-[2-9A-HJKMNP-Z]{5}$/);
  });
});
