// The language of a page nobody has chosen one for: `?lang=`, then the browser's, then a default.
import type { FastifyRequest } from 'fastify';
import { normalizeLocale, type Locale } from '@ecoute/shared/locale';

export function requestLocale(request: FastifyRequest, fallback: Locale): Locale {
  const asked = normalizeLocale((request.query as { lang?: string } | undefined)?.lang);
  if (asked) return asked;
  const accepted = (request.headers['accept-language'] ?? '')
    .split(',')
    .map((part) => normalizeLocale(part.split(';')[0]))
    .find(Boolean);
  return accepted ?? fallback;
}
