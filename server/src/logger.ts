// The process's logger: JSON lines for machines, readable lines for a person at a terminal, and in
// both, private tokens (tracking links, set-password links) replaced by a marker before they are written.
import type { FastifyRequest } from 'fastify';
import { pino, stdSerializers, type Logger } from 'pino';

export type LogFormat = 'json' | 'pretty';

/** What the first start logs when it made the admin's password up: shown in a box when pretty. */
export interface FirstAdmin {
  email: string;
  password: string;
  signInUrl: string;
}

const REDACTED = '[redacted]';
/** Paths whose next segment is a tracking token: the customer's page and its JSON twin. */
const TOKEN_IN_PATH = /(\/t\/|\/api\/v1\/tracking\/)[^/?#\s"'<>]+/g;
/** The set-password link's `?token=…` (and any other token carried in a query string). */
const TOKEN_IN_QUERY = /([?&]token=)[^&#\s"'<>]+/gi;

export function redactTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, `$1${REDACTED}`).replace(TOKEN_IN_QUERY, `$1${REDACTED}`);
}

export async function createLogger(options: { level: string; format: LogFormat }): Promise<Logger> {
  const settings = {
    level: options.level,
    redact: ['req.headers.cookie', 'req.headers.authorization'],
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactTokens(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
      // A failure's message or stack may quote the URL it happened on.
      err: (error: Error) => {
        const serialized = stdSerializers.err(error);
        return {
          ...serialized,
          message: redactTokens(serialized.message),
          ...(serialized.stack ? { stack: redactTokens(serialized.stack) } : {}),
        };
      },
    },
    hooks: {
      // Messages written as text ("Route GET:/t/… not found") go through the same filter.
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...args: unknown[]) => void) {
        method.apply(
          this,
          args.map((arg: unknown) => (typeof arg === 'string' ? redactTokens(arg) : arg)),
        );
      },
    },
  };
  if (options.format === 'json') return pino(settings);
  // Loaded only for a terminal: machines never pay for it.
  const { default: pretty } = await import('pino-pretty');
  return pino(
    settings,
    pretty({
      sync: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,reqId,req,res,responseTime,firstAdmin',
      messageFormat: (log, messageKey) => readableMessage(log, messageKey),
    }),
  );
}

/** One short line per request, and the first admin's credentials where nobody can miss them. */
function readableMessage(log: Record<string, unknown>, messageKey: string): string {
  const firstAdmin = log.firstAdmin as FirstAdmin | undefined;
  if (firstAdmin) return firstAdminBox(firstAdmin);
  const request = typeof log.reqId === 'string' ? `[${log.reqId.slice(0, 8)}] ` : '';
  const req = log.req as { method: string; url: string } | undefined;
  const res = log.res as { statusCode: number } | undefined;
  if (req) return `${request}${req.method} ${req.url}`;
  if (res) return `${request}→ ${res.statusCode} in ${Math.round(Number(log.responseTime))} ms`;
  return `${request}${String(log[messageKey])}`;
}

export function firstAdminBox({ email, password, signInUrl }: FirstAdmin): string {
  const lines = [
    'Ecoute created its first admin. Sign in at',
    `  ${signInUrl}`,
    '',
    `  email     ${email}`,
    `  password  ${password}`,
    '',
    'This password is shown only this once: keep it, or set',
    'ECOUTE_ADMIN_PASSWORD before the first start to choose it.',
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const rule = '═'.repeat(width + 2);
  return ['', `╔${rule}╗`, ...lines.map((line) => `║ ${line.padEnd(width)} ║`), `╚${rule}╝`].join('\n');
}
