// Mail that comes in (replies, automatic answers, delivery reports, new mail to the company): what
// kind it is, what became of it, and the admin API's shapes for the mail that could not be placed.
import { Type, type Static } from 'typebox';

/** The largest mail taken in (by SMTP or the webhook): larger ones are refused, not truncated. */
export const INBOUND_MAIL_MAX_BYTES = 10 * 1024 * 1024;

/** How it came in: Ecoute's own SMTP listener, or a provider's inbound webhook. */
export const INBOUND_MAIL_CHANNELS = ['smtp', 'webhook'] as const;
export type InboundMailChannel = (typeof INBOUND_MAIL_CHANNELS)[number];

/** `reply` is a person's words (a reply or a new mail); `unparsable` could not be read as a mail. */
export const INBOUND_MAIL_KINDS = ['reply', 'auto_reply', 'bounce', 'unparsable'] as const;
export type InboundMailKind = (typeof INBOUND_MAIL_KINDS)[number];

/**
 * What became of it: added to a message as the customer's words, a new message, an automatic answer
 * kept quietly, a delivery report that marked the address, or waiting in the unmatched list until an
 * admin attaches it to a message or dismisses it.
 */
export const INBOUND_MAIL_OUTCOMES = [
  'added',
  'new_message',
  'auto_reply',
  'bounce',
  'unmatched',
  'attached',
  'dismissed',
] as const;
export type InboundMailOutcome = (typeof INBOUND_MAIL_OUTCOMES)[number];

/** Why a mail is in the unmatched list, in a word an admin's screen can translate. */
export const UNMATCHED_REASONS = [
  'unknown_token',
  'unknown_thread',
  'not_for_inbox',
  'unparsable',
  'automatic',
  'not_placed',
] as const;
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const MailAttachmentSchema = Type.Object({
  name: Nullable(Type.String()),
  type: Type.String(),
  size: Type.Integer({ minimum: 0, description: 'Bytes; attachments are listed, not stored' }),
});
export type MailAttachment = Static<typeof MailAttachmentSchema>;

export const InboundMailSummarySchema = Type.Object(
  {
    id: Uuid,
    kind: Type.Enum(INBOUND_MAIL_KINDS),
    outcome: Type.Enum(INBOUND_MAIL_OUTCOMES),
    unmatchedReason: Nullable(Type.Enum(UNMATCHED_REASONS)),
    fromAddress: Nullable(Type.String()),
    fromName: Nullable(Type.String()),
    recipients: Type.Array(Type.String()),
    subject: Type.String(),
    text: Type.String({ description: 'The words without quoted history and signature' }),
    attachments: Type.Array(MailAttachmentSchema),
    /** The message it was placed on, if any. */
    messageId: Nullable(Uuid),
    receivedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'InboundMailSummary' },
);
export type InboundMailSummary = Static<typeof InboundMailSummarySchema>;

export const InboundMailDetailSchema = Type.Object(
  {
    ...InboundMailSummarySchema.properties,
    raw: Type.String({ description: 'The original, as received (bytes that are not UTF-8 are replaced)' }),
  },
  { $id: 'InboundMailDetail' },
);
export type InboundMailDetail = Static<typeof InboundMailDetailSchema>;

export const UnmatchedMailListSchema = Type.Object({
  items: Type.Array(InboundMailSummarySchema),
  nextCursor: Nullable(Type.String()),
});
export type UnmatchedMailList = Static<typeof UnmatchedMailListSchema>;

export const AttachMailSchema = Type.Object({ messageId: Uuid });
export type AttachMail = Static<typeof AttachMailSchema>;

/** What the inbound webhook answers: the stored mail and what became of it. */
export const InboundReceiptSchema = Type.Object(
  {
    id: Uuid,
    outcome: Type.Enum(INBOUND_MAIL_OUTCOMES),
    duplicate: Type.Boolean({ description: 'true when this Message-ID was taken before: nothing happened again' }),
    messageId: Nullable(Uuid),
  },
  { $id: 'InboundReceipt' },
);
export type InboundReceipt = Static<typeof InboundReceiptSchema>;
