// Field limits of the public submission contract, shared by the API schemas and the widget.

/**
 * A text must hold something visible: not only spaces, line breaks, invisible format characters
 * (zero-width spaces, direction marks, soft hyphens, tags), lone combining marks or blank letters
 * (Hangul fillers, the braille blank).
 */
export const VISIBLE_PATTERN = '[^\\s\\p{Cc}\\p{Cf}\\p{Mn}\\p{Me}\\u2800\\u3164\\u115F\\u1160\\uFFA0]';

export const LIMITS = {
  body: 10_000,
  name: 120,
  email: 254,
  pageUrl: 2_048,
  locale: 35,
  honeypot: 500,
  idempotencyKey: 255,
  /**
   * Bytes in one request: room for 10,000 characters of any script however they are sent, escaped in
   * JSON (`\ud83d\ude00`, 12 bytes a character) or URL-encoded (`%F0%9F%98%80`, 12 bytes), with the
   * other fields.
   */
  requestBytes: 256 * 1024,
} as const;
