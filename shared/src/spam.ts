// Signals that a submission was made by a bot. They quarantine a message, never discard it.
export const MIN_HUMAN_FILL_MS = 1_500;

/** `spam_filter`: new mail the receiving mail server's spam filter flagged (X-Spam-Flag, X-Spam-Status). */
export type SpamSignal = 'honeypot' | 'too_fast' | 'spam_filter';

export function spamSignals(input: { honeypot?: string | undefined; fillMs?: number | undefined }): SpamSignal[] {
  const signals: SpamSignal[] = [];
  if (input.honeypot && input.honeypot.trim() !== '') signals.push('honeypot');
  if (input.fillMs !== undefined && input.fillMs < MIN_HUMAN_FILL_MS) signals.push('too_fast');
  return signals;
}
