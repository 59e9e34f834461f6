import { describe, expect, it } from 'vitest';
import type { MessageStatus } from './contract.ts';
import { allowedActions, transition, type LifecycleEvent } from './lifecycle.ts';

const STATUSES: MessageStatus[] = ['unanswered', 'committed', 'closed', 'spam'];
const next = (status: MessageStatus, event: LifecycleEvent) => {
  const result = transition(status, event);
  return result.ok ? result.status : 'refused';
};

describe('transition', () => {
  it('a reply closes, or commits while commitments stay open; never in quarantine', () => {
    for (const status of ['unanswered', 'committed', 'closed'] as const) {
      expect(next(status, { type: 'reply', openCommitments: 0 })).toBe('closed');
      expect(next(status, { type: 'reply', openCommitments: 1 })).toBe('committed');
      expect(next(status, { type: 'reply', openCommitments: 10 })).toBe('committed');
    }
    const refused = transition('spam', { type: 'reply', openCommitments: 1 });
    expect(refused).toEqual({ ok: false, reason: expect.stringMatching(/spam/) });
  });

  it('the customer writing again reopens anything but quarantine', () => {
    expect(next('unanswered', { type: 'customer_wrote' })).toBe('unanswered');
    expect(next('committed', { type: 'customer_wrote' })).toBe('unanswered');
    expect(next('closed', { type: 'customer_wrote' })).toBe('unanswered');
    expect(next('spam', { type: 'customer_wrote' })).toBe('spam');
  });

  it('resolving the last commitment closes; an earlier one keeps it committed', () => {
    expect(next('committed', { type: 'commitment_resolved', openCommitments: 2 })).toBe('committed');
    expect(next('committed', { type: 'commitment_resolved', openCommitments: 0 })).toBe('closed');
    expect(next('closed', { type: 'commitment_resolved', openCommitments: 0 })).toBe('closed');
  });

  it('resolving a commitment leaves a message that waits for an answer waiting', () => {
    expect(next('unanswered', { type: 'commitment_resolved', openCommitments: 0 })).toBe('unanswered');
    expect(next('unanswered', { type: 'commitment_resolved', openCommitments: 3 })).toBe('unanswered');
    expect(next('spam', { type: 'commitment_resolved', openCommitments: 0 })).toBe('refused');
  });

  it('only an unanswered message goes to spam, and only spam comes out of it, as unanswered', () => {
    expect(STATUSES.map((status) => next(status, { type: 'mark_spam', answered: false }))).toEqual([
      'spam',
      'refused',
      'refused',
      'refused',
    ]);
    // Answered once, then written to again: a conversation (with promises, maybe), not spam.
    expect(next('unanswered', { type: 'mark_spam', answered: true })).toBe('refused');
    expect(STATUSES.map((status) => next(status, { type: 'unmark_spam' }))).toEqual([
      'refused',
      'refused',
      'refused',
      'unanswered',
    ]);
  });

  it('gives a reason with every refusal', () => {
    for (const status of STATUSES) {
      for (const event of [
        { type: 'reply', openCommitments: 0 },
        { type: 'customer_wrote' },
        { type: 'commitment_resolved', openCommitments: 0 },
        { type: 'mark_spam', answered: false },
        { type: 'mark_spam', answered: true },
        { type: 'unmark_spam' },
      ] as LifecycleEvent[]) {
        const result = transition(status, event);
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
        else expect(STATUSES).toContain(result.status);
      }
    }
  });
});

describe('allowedActions', () => {
  it('offers what the state machine allows, and nothing else', () => {
    expect(allowedActions('unanswered', false)).toEqual(['reply', 'mark_spam']);
    expect(allowedActions('unanswered', true)).toEqual(['reply']);
    expect(allowedActions('committed', true)).toEqual(['reply']);
    expect(allowedActions('closed', true)).toEqual(['reply']);
    expect(allowedActions('spam', false)).toEqual(['unmark_spam']);
  });
});
