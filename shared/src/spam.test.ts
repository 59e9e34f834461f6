import { describe, expect, it } from 'vitest';
import { MIN_HUMAN_FILL_MS, spamSignals } from './spam.ts';

describe('spamSignals', () => {
  it('sees nothing in a normal submission, or when no signal was sent', () => {
    expect(spamSignals({})).toEqual([]);
    expect(spamSignals({ honeypot: '', fillMs: 30_000 })).toEqual([]);
    expect(spamSignals({ honeypot: '   ', fillMs: MIN_HUMAN_FILL_MS })).toEqual([]);
  });
  it('flags a filled honeypot and an implausibly fast fill', () => {
    expect(spamSignals({ honeypot: 'http://x' })).toEqual(['honeypot']);
    expect(spamSignals({ fillMs: MIN_HUMAN_FILL_MS - 1 })).toEqual(['too_fast']);
    expect(spamSignals({ honeypot: 'x', fillMs: 0 })).toEqual(['honeypot', 'too_fast']);
  });
});
