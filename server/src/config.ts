// The one place that reads the environment: every setting, its default, validated once at start.
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { DatabaseTarget } from './db/client.ts';
import type { LogFormat } from './logger.ts';

const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65_535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  ECOUTE_DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  ECOUTE_PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^/]+$' })),
  ECOUTE_ADMIN_EMAIL: Type.String({ minLength: 3, default: 'admin@localhost' }),
  ECOUTE_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 12 })),
  ECOUTE_TRUST_PROXY: Type.String({ default: 'false' }),
  ECOUTE_SUBMIT_LIMIT_PER_IP: Type.Integer({ minimum: 1, default: 30 }),
  ECOUTE_SUBMIT_LIMIT_PER_FORM: Type.Integer({ minimum: 1, default: 600 }),
  ECOUTE_SUBMIT_LIMIT_WINDOW_S: Type.Integer({ minimum: 1, default: 600 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  LOG_FORMAT: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('pretty')])),
  ECOUTE_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  ECOUTE_MAIL_FROM: Type.Optional(Type.String({ minLength: 3 })),
  ECOUTE_REPLY_DOMAIN: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9.-]+$' })),
  ECOUTE_INBOUND_SMTP_PORT: Type.Optional(Type.Integer({ minimum: 0, maximum: 65_535 })),
  ECOUTE_INBOUND_SECRET: Type.Optional(Type.String({ minLength: 16 })),
  ECOUTE_INBOX_ADDRESS: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' })),
  ECOUTE_UNANSWERED_AFTER_H: Type.Number({ exclusiveMinimum: 0, default: 24 }),
  ECOUTE_EMAILS_PER_RECIPIENT_PER_HOUR: Type.Integer({ minimum: 1, default: 10 }),
  ECOUTE_EMAIL_RETRY_MAX_S: Type.Number({ exclusiveMinimum: 0, default: 300 }),
  ECOUTE_PRESENCE_TTL_S: Type.Number({ exclusiveMinimum: 0, maximum: 3600, default: 25 }),
  ECOUTE_STREAM_HEARTBEAT_S: Type.Number({ exclusiveMinimum: 0, maximum: 300, default: 15 }),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  database: DatabaseTarget;
  admin: { email: string; password: string | undefined };
  /** Fastify's `trustProxy`: false, true, addresses/CIDRs of trusted proxies, or a hop count. */
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean);
  submitLimits: { perIp: number; perForm: number; windowMs: number };
  logLevel: string;
  /** JSON lines, unless a person reads them: readable lines when stdout is a terminal. */
  logFormat: LogFormat;
  /** The key that seals and derives the tokens emails carry (security/server-key.ts). */
  secret: string | undefined;
  email: EmailConfig;
  /** How long an agent's heartbeat keeps them shown on a message: they send one every 40 % of it. */
  presenceTtlMs: number;
  /** A comment line on every live event stream this often, so that proxies never take it for idle. */
  streamHeartbeatMs: number;
}

export interface EmailConfig {
  /** Without one, emails are kept as held and sent once a server is configured. */
  smtpUrl: string | undefined;
  from: string;
  /** The domain of the per-message reply addresses and per-email bounce addresses. */
  replyDomain: string;
  /** The SMTP listener for customers' replies; off when unset. */
  inboundSmtpPort: number | undefined;
  /** The bearer token of `POST /api/v1/inbound/email`; the endpoint refuses everything without one. */
  inboundSecret: string | undefined;
  /** The company's address: mail to it without a reply token is a new message. */
  inboxAddress: string | undefined;
  /** The managers hear of a message still unanswered after this long. */
  unansweredAfterMs: number;
  /** At most this many automatic emails to one address per hour. */
  perRecipientPerHour: number;
  /** The longest wait between two tries while the mail server cannot be reached. */
  retryMaxMs: number;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  stdoutIsTerminal = process.stdout.isTTY === true,
): Config {
  const raw = Object.fromEntries(
    Object.keys(EnvSchema.properties)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const value = Value.Convert(EnvSchema, Value.Default(EnvSchema, raw));
  if (!Value.Check(EnvSchema, value)) {
    const problems = new Set(
      [...Value.Errors(EnvSchema, value)].map((error) => `${error.instancePath.slice(1)}: ${error.message}`),
    );
    throw new Error(`Invalid configuration: ${[...problems].join('; ')}`);
  }
  const parsed: Static<typeof EnvSchema> = value;
  const publicUrl = parsed.ECOUTE_PUBLIC_URL ?? `http://${urlHost(parsed.HOST)}:${parsed.PORT}`;
  const replyDomain = parsed.ECOUTE_REPLY_DOMAIN ?? new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    publicUrl,
    database: parsed.DATABASE_URL
      ? { kind: 'postgres', url: parsed.DATABASE_URL, poolSize: parsed.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: parsed.ECOUTE_DATA_DIR },
    admin: { email: parsed.ECOUTE_ADMIN_EMAIL, password: parsed.ECOUTE_ADMIN_PASSWORD },
    trustProxy: parseTrustProxy(parsed.ECOUTE_TRUST_PROXY),
    submitLimits: {
      perIp: parsed.ECOUTE_SUBMIT_LIMIT_PER_IP,
      perForm: parsed.ECOUTE_SUBMIT_LIMIT_PER_FORM,
      windowMs: parsed.ECOUTE_SUBMIT_LIMIT_WINDOW_S * 1000,
    },
    logLevel: parsed.LOG_LEVEL,
    logFormat: parsed.LOG_FORMAT ?? (stdoutIsTerminal ? 'pretty' : 'json'),
    secret: parsed.ECOUTE_SECRET,
    email: {
      smtpUrl: parsed.SMTP_URL,
      from: parsed.ECOUTE_MAIL_FROM ?? `Ecoute <ecoute@${replyDomain}>`,
      replyDomain,
      inboundSmtpPort: parsed.ECOUTE_INBOUND_SMTP_PORT,
      inboundSecret: parsed.ECOUTE_INBOUND_SECRET,
      inboxAddress: parsed.ECOUTE_INBOX_ADDRESS,
      unansweredAfterMs: parsed.ECOUTE_UNANSWERED_AFTER_H * 3_600_000,
      perRecipientPerHour: parsed.ECOUTE_EMAILS_PER_RECIPIENT_PER_HOUR,
      retryMaxMs: parsed.ECOUTE_EMAIL_RETRY_MAX_S * 1000,
    },
    presenceTtlMs: parsed.ECOUTE_PRESENCE_TTL_S * 1000,
    streamHeartbeatMs: parsed.ECOUTE_STREAM_HEARTBEAT_S * 1000,
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function parseTrustProxy(value: string): Config['trustProxy'] {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}
