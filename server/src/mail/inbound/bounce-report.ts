// What a delivery report says: the bounce addresses it names (the envelope sender of the email that
// failed, `bounce+<token>@…`), the `Message-ID`s of the failed email it returns, and why it failed,
// from the machine-readable report (RFC 3464) or, failing that, from the words of Exim and others.
import type { ParsedMail } from 'mailparser';
import type { MailHeaders } from './classify.ts';

export interface BounceReport {
  /** Every `bounce+…@…` address the report mentions, its recipients first. */
  bounceAddresses: string[];
  /** The failed email's `Message-ID`s (without angle brackets), from the returned headers first. */
  originalMessageIds: string[];
  /** The recipient that failed, when the report says. */
  recipient: string | null;
  /** In the reporting server's words, one line. */
  reason: string;
  /**
   * Whether delivery failed: false for a report that only says it is delayed or was delivered
   * (every `Action:` of the report other than `failed`), which is news, not a bounce.
   */
  failed: boolean;
}

const BOUNCE_ADDRESS = /bounce\+[A-Za-z0-9_-]+@[A-Za-z0-9.-]+/gi;
const MESSAGE_ID_LINE = /^Message-ID:\s*<([^>\s]+)>/gim;

/** A report field's value (`Diagnostic-Code: smtp; 550 …`), folded lines unfolded, the type dropped. */
function field(text: string, name: string): string | null {
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t]+.*)*)`, 'im').exec(text);
  if (!match) return null;
  const value = match[1]!.replace(/\r?\n[ \t]+/g, ' ').trim();
  return value.replace(/^(rfc822|smtp|x-postfix|dns)\s*;\s*/i, '').trim() || null;
}

export function bounceReport(parsed: ParsedMail, headers: MailHeaders): BounceReport {
  const returned = parsed.attachments
    .filter((part) =>
      /^(message\/(rfc822|delivery-status|global-delivery-status)|text\/rfc822-headers)$/i.test(part.contentType),
    )
    .map((part) => part.content.toString('utf8'));
  const recipientHeaders = ['to', 'delivered-to', 'x-original-to', 'envelope-to'].flatMap((name) => headers.get(name));
  const text = [parsed.text ?? '', ...returned].join('\n');

  const mentioned = [...recipientHeaders, text].join('\n').match(BOUNCE_ADDRESS) ?? [];
  // An address that ends a sentence does not take its full stop.
  const bounceAddresses = [...new Set(mentioned.map((address) => address.replace(/\.+$/, '')))];
  const originalMessageIds = [
    ...new Set([
      ...[...returned.join('\n').matchAll(MESSAGE_ID_LINE), ...[...text.matchAll(MESSAGE_ID_LINE)]].map((m) => m[1]!),
      ...[parsed.inReplyTo ?? '', [parsed.references ?? []].flat().join(' ')]
        .join(' ')
        .split(/\s+/)
        .flatMap((id) => id.replace(/^<|>$/g, '') || []),
    ]),
  ].filter((id) => id !== parsed.messageId?.replace(/^<|>$/g, ''));

  const recipient =
    field(text, 'Final-Recipient') ??
    field(text, 'Original-Recipient') ??
    headers.get('x-failed-recipients')[0] ??
    null;
  const reason =
    field(text, 'Diagnostic-Code') ??
    (field(text, 'Status') ? `Status ${field(text, 'Status')}` : null) ??
    firstWords(parsed.text ?? '') ??
    'Delivery failed';
  const actions = [...text.matchAll(/^Action:[ \t]*([a-z]+)/gim)].map((match) => match[1]!.toLowerCase());
  const failed = actions.length === 0 || actions.includes('failed');
  return { bounceAddresses, originalMessageIds, recipient, reason: reason.slice(0, 500), failed };
}

/** Exim and friends say why in a line after the failed address: the first line that is not boilerplate. */
function firstWords(text: string): string | null {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  // The last such line: the failed addresses and why follow it.
  const failed = lines.findLastIndex((line) => /failed:|could not be delivered|permanent error/i.test(line));
  const after = failed >= 0 ? lines.slice(failed + 1, failed + 3).join(' — ') : lines[0];
  return after ?? null;
}
