// A raw RFC 822 mail → what Ecoute needs of it: who wrote to whom, what thread it answers, the
// person's words without the quoted history and signature, the attachments it carried (listed, not
// kept), and whether it is a person's mail, an automatic answer or a delivery report. Pure: nothing
// is looked up or stored here.
import EmailReplyParser from 'email-reply-parser';
import type { AddressObject, ParsedMail } from 'mailparser';
import { LIMITS } from '@ecoute/shared/limits';
import type { InboundMailKind, MailAttachment } from '@ecoute/shared/inbound-mail';
import { normalizeAddress } from './addresses.ts';
import { bounceReport, type BounceReport } from './bounce-report.ts';
import { classifyMail, type MailHeaders } from './classify.ts';

export interface InboundMail {
  kind: InboundMailKind;
  /** Its `Message-ID` without angle brackets; null when it has none. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: { address: string; name: string | null } | null;
  /** To, Cc, Delivered-To, X-Original-To and Envelope-To: where it was sent, as the headers say. */
  recipients: string[];
  subject: string;
  /** The person's words: without quoted history nor signature, from the text part or the HTML one. */
  text: string;
  attachments: MailAttachment[];
  /** For a delivery report: what it is about. */
  bounce: BounceReport | null;
  /** The receiving mail server's spam filter flagged it (X-Spam-Flag: YES, X-Spam-Status: Yes…). */
  spamFlagged: boolean;
}

const RECIPIENT_HEADERS = ['delivered-to', 'x-original-to', 'envelope-to'];

export async function parseMail(raw: Buffer): Promise<InboundMail> {
  let parsed: ParsedMail;
  try {
    // Loaded with the first mail: a process that receives none never loads a MIME parser and its charsets.
    const { simpleParser } = await import('mailparser');
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  } catch {
    return unparsable();
  }
  const headers = headerValues(parsed);
  const fromValue = parsed.from?.value.find((entry) => entry.address);
  const fromAddress = fromValue?.address ? normalizeAddress(clean(fromValue.address)) : undefined;
  const subject = clean(parsed.subject ?? '');
  const contentType = parsed.headers.get('content-type') as
    { value: string; params?: Record<string, string> } | undefined;
  const classified = classifyMail(
    headers,
    { value: contentType?.value ?? 'text/plain', reportType: contentType?.params?.['report-type'] },
    fromAddress ?? fromValue?.address,
    subject,
  );
  const bounce = classified === 'bounce' ? bounceReport(parsed, headers) : null;
  // A report that delivery is only delayed, or done, is an automatic message like any other.
  const kind = bounce && !bounce.failed ? 'auto_reply' : classified;
  // Without a sender there is nobody to answer nor to recognise; only a delivery report may lack one.
  if (!fromAddress && kind !== 'bounce') return unparsable();
  const from = fromAddress ? { address: fromAddress, name: clean(fromValue?.name ?? '') || null } : null;
  const fullText = clean(parsed.text ?? '');
  return {
    kind,
    messageId: bareId(parsed.messageId),
    inReplyTo: bareId(parsed.inReplyTo),
    references: [parsed.references ?? []]
      .flat()
      .flatMap((value) => value.split(/\s+/))
      .flatMap((id) => bareId(id) ?? []),
    from,
    recipients: recipientsOf(parsed, headers),
    subject,
    text: kind === 'bounce' ? fullText.slice(0, LIMITS.body) : visibleText(fullText),
    attachments: parsed.attachments.map((attachment) => ({
      name: attachment.filename ? clean(attachment.filename) : null,
      type: attachment.contentType,
      size: attachment.size,
    })),
    bounce: kind === 'bounce' ? bounce : null,
    spamFlagged: ['x-spam-flag', 'x-spam-status', 'x-spam'].some((name) =>
      headers.get(name).some((value) => /^yes\b/i.test(value)),
    ),
  };
}

function unparsable(): InboundMail {
  return {
    kind: 'unparsable',
    messageId: null,
    inReplyTo: null,
    references: [],
    from: null,
    recipients: [],
    subject: '',
    text: '',
    attachments: [],
    bounce: null,
    spamFlagged: false,
  };
}

/** Only the words above the quoted history and the signature; all of it when that leaves nothing. */
function visibleText(text: string): string {
  const visible = new EmailReplyParser().read(text).getVisibleText().trim();
  return (visible || text.trim()).slice(0, LIMITS.body);
}

/** PostgreSQL's text holds no NUL; line ends are one. */
function clean(text: string): string {
  return text.replaceAll('\u0000', '').replace(/\r\n?/g, '\n');
}

function bareId(id: string | undefined): string | null {
  const bare = clean(id ?? '')
    .trim()
    .replace(/^<|>$/g, '');
  return bare || null;
}

/** Every value of each header, from the raw lines (mailparser keeps only one of a repeated header). */
function headerValues(parsed: ParsedMail): MailHeaders {
  const values = new Map<string, string[]>();
  for (const { key, line } of parsed.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  return { get: (name) => values.get(name.toLowerCase()) ?? [] };
}

function recipientsOf(parsed: ParsedMail, headers: MailHeaders): string[] {
  const listed = [parsed.to, parsed.cc]
    .flat()
    .filter((value): value is AddressObject => value !== undefined)
    .flatMap((group) => group.value)
    .flatMap((entry) => [entry.address ?? '', ...(entry.group ?? []).map((member) => member.address ?? '')]);
  const delivered = RECIPIENT_HEADERS.flatMap((name) => headers.get(name)).flatMap((value) => value.split(','));
  const addresses = [...delivered, ...listed].flatMap((address) => normalizeAddress(clean(address)) ?? []);
  return [...new Set(addresses)];
}
