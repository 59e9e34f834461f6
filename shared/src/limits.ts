// Field limits of the public submission contract, shared by the API schemas and the widget.
export const LIMITS = {
  body: 10_000,
  name: 120,
  email: 254,
  pageUrl: 2_048,
  locale: 35,
  honeypot: 500,
  idempotencyKey: 255,
} as const;
