// Which web pages may post to a form: pure, so that CORS, the submission route and the form's
// public status answer the same question the same way.

/** An origin as browsers send it: `scheme://host[:port]`, or `null` for opaque ones (file:, sandboxed frames). */
export const ORIGIN_PATTERN = '^(null|https?://[^/?#@\\s]+)$';

/** Whether a form with these allowed origins (`*` allows any) takes messages from a page at `origin`. */
export function isOriginAllowed(allowedOrigins: readonly string[], origin: string): boolean {
  return allowedOrigins.includes('*') || allowedOrigins.includes(origin);
}

/**
 * The origin browsers send for a page at what an admin wrote (`https://Shop.example/` →
 * `https://shop.example`), `*` as itself; undefined when it names no web page at all. Origin headers
 * are compared exactly, so an allowed origin is only right when it is its own canonical form.
 */
export function canonicalOrigin(written: string): string | undefined {
  if (written === '*') return written;
  try {
    const url = new URL(written);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
