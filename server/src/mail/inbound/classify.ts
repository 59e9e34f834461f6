// What kind of mail came in, from its headers: a person's words, an automatic answer (out of office,
// mailing lists, read receipts), or a delivery report. Loops start with automatic mail taken for a
// person's, so anything that says it is automatic is believed.
import type { InboundMailKind } from '@ecoute/shared/inbound-mail';

/** The few headers classification reads, lower-cased names, each header's values. */
export interface MailHeaders {
  get(name: string): string[];
}

/** Last resort, for servers that mark nothing: the subjects out-of-office replies have in both languages. */
const VACATION_SUBJECT =
  /^\s*(auto(matic)?[ -]?(reply|response|answer)|out of (the )?office|away from (the )?office|r[ée]ponse automatique|message d['’]absence|absence du bureau|absent du bureau|absent\(e\)|je suis absent)/i;

const BOUNCE_SUBJECT =
  /(undeliver|undelivered|delivery (status notification|failure|has failed)|returned mail|mail delivery failed|failure notice|non remis|non distribu|échec de (la )?remise)/i;

export function classifyMail(
  headers: MailHeaders,
  contentType: { value: string; reportType?: string },
  from: string | undefined,
  subject: string,
): Exclude<InboundMailKind, 'unparsable'> {
  // Some servers write their daemon's name alone, without a domain (`MAILER-DAEMON`).
  const localPart = (from ?? '').replace(/@[^@]*$/, '').toLowerCase();
  const report = contentType.value.toLowerCase() === 'multipart/report';
  if (report && (contentType.reportType ?? '').toLowerCase() === 'delivery-status') return 'bounce';
  if (headers.get('x-failed-recipients').length > 0) return 'bounce';
  if (localPart === 'mailer-daemon') return 'bounce';
  if (localPart === 'postmaster' && BOUNCE_SUBJECT.test(subject)) return 'bounce';

  // A read receipt or any other report is automatic too.
  if (report) return 'auto_reply';
  if (headers.get('auto-submitted').some((value) => value.trim().toLowerCase() !== 'no')) return 'auto_reply';
  if (headers.get('x-autoreply').length > 0 || headers.get('x-autorespond').length > 0) return 'auto_reply';
  if (headers.get('precedence').some((value) => /^(bulk|junk|list|auto_reply)$/i.test(value.trim())))
    return 'auto_reply';
  if (headers.get('x-auto-response-suppress').length > 0) return 'auto_reply';
  if (VACATION_SUBJECT.test(subject)) return 'auto_reply';
  return 'reply';
}
