// Makes a parsed body ready for validation, the same way for every customer-facing form and API.
import type { FastifyRequest } from 'fastify';

const NUMERIC_FIELDS = new Set(['fillMs', 'renderedAt']);

/**
 * Optional fields left empty or null mean "not given" (NUL characters are already gone:
 * plugins/app/input.ts); line breaks are `\n` (browsers post a textarea's as `\r\n`,
 * which would count twice against its maxlength); an email is trimmed; a form post's numbers (sent
 * as digits) become numbers. JSON is otherwise taken strictly as sent.
 */
export async function prepareBody(request: FastifyRequest): Promise<void> {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const urlencoded = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ?? false;
  const prepared: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(body)) {
    const value = typeof raw === 'string' ? cleanText(key, raw) : raw;
    if (key !== 'body' && (value === null || (typeof value === 'string' && value.trim() === ''))) continue;
    prepared[key] = urlencoded && NUMERIC_FIELDS.has(key) && /^\d{1,15}$/.test(value as string) ? Number(value) : value;
  }
  request.body = prepared;
}

function cleanText(key: string, value: string): string {
  const text = value.replaceAll('\r\n', '\n');
  return key === 'email' ? text.trim() : text;
}
