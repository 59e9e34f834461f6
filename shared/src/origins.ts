// Which web pages may post to a form: pure, so that CORS, the submission route and the form's
// public status answer the same question the same way.

/** An origin as browsers send it: `scheme://host[:port]`, or `null` for opaque ones (file:, sandboxed frames). */
export const ORIGIN_PATTERN = '^(null|https?://[^/?#@\\s]+)$';

/** Whether a form with these allowed origins (`*` allows any) takes messages from a page at `origin`. */
export function isOriginAllowed(allowedOrigins: readonly string[], origin: string): boolean {
  return allowedOrigins.includes('*') || allowedOrigins.includes(origin);
}
