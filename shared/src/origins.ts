// Which web pages may post to a form: pure, so that CORS, the submission route and the form's
// public status answer the same question the same way.

/** An origin as browsers send it: `scheme://host[:port]`, or `null` for opaque ones (file:, sandboxed frames). */
export const ORIGIN_PATTERN = '^(null|https?://[^/?#@\\s]+)$';

/** Whether a form with these allowed origins (`*` allows any) takes messages from a page at `origin`. */
export function isOriginAllowed(allowedOrigins: readonly string[], origin: string): boolean {
  return allowedOrigins.includes('*') || allowedOrigins.includes(origin);
}

/**
 * Why an admin's allowed origin would never match (undefined when it is one): Origin headers are
 * compared exactly, so it must be written as browsers send it (`*` for any page).
 */
export function originProblem(origin: string): string | undefined {
  if (origin === '*') return undefined;
  let canonical: string | undefined;
  try {
    const url = new URL(origin);
    if (url.protocol === 'http:' || url.protocol === 'https:') canonical = url.origin;
  } catch {
    // Not a URL at all.
  }
  if (canonical === origin) return undefined;
  return canonical
    ? `is not an origin as browsers send it: write ${canonical}`
    : 'must be an origin (https://shop.example, with a port when not the default one) or *';
}
