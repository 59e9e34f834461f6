// The message lifecycle as one pure state machine: the server applies it, the SPA shows what it allows.
import type { MessageStatus } from './contract.ts';

export type LifecycleEvent =
  /** An agent replied; `openCommitments` counts the message's open commitments after the reply. */
  | { type: 'reply'; openCommitments: number }
  /** The customer wrote again (tracking page, API). */
  | { type: 'customer_wrote' }
  /** A commitment was fulfilled or dropped; `openCommitments` counts those still open after it. */
  | { type: 'commitment_resolved'; openCommitments: number }
  /** `answered`: an agent has replied at least once (a conversation is not spam). */
  | { type: 'mark_spam'; answered: boolean }
  | { type: 'unmark_spam' };

export type Transition = { ok: true; status: MessageStatus } | { ok: false; reason: string };

export function transition(status: MessageStatus, event: LifecycleEvent): Transition {
  const to = (next: MessageStatus): Transition => ({ ok: true, status: next });
  const refuse = (reason: string): Transition => ({ ok: false, reason });
  switch (event.type) {
    case 'reply':
      if (status === 'spam') return refuse('A message in quarantine cannot be answered: take it out of spam first.');
      return to(event.openCommitments > 0 ? 'committed' : 'closed');
    case 'customer_wrote':
      // Quarantine stays quarantine: a person decides, not the sender.
      return to(status === 'spam' ? 'spam' : 'unanswered');
    case 'commitment_resolved':
      if (status === 'spam') return refuse('A message in quarantine has no commitments to keep.');
      // The customer wrote since the reply: they still wait for an answer, whatever was kept.
      if (status === 'unanswered') return to('unanswered');
      return to(event.openCommitments > 0 ? 'committed' : 'closed');
    case 'mark_spam':
      if (status !== 'unanswered' || event.answered) {
        return refuse('Only a message that has never been answered can go to spam.');
      }
      return to('spam');
    case 'unmark_spam':
      if (status !== 'spam') return refuse('This message is not in spam.');
      return to('unanswered');
  }
}

/** What an agent may do with a message in this status (the SPA shows only these). */
export function allowedActions(status: MessageStatus, answered: boolean): Array<'reply' | 'mark_spam' | 'unmark_spam'> {
  const probes: Array<['reply' | 'mark_spam' | 'unmark_spam', LifecycleEvent]> = [
    ['reply', { type: 'reply', openCommitments: 0 }],
    ['mark_spam', { type: 'mark_spam', answered }],
    ['unmark_spam', { type: 'unmark_spam' }],
  ];
  return probes.filter(([, event]) => transition(status, event).ok).map(([action]) => action);
}
