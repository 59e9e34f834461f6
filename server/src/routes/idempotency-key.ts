// The Idempotency-Key the routes that create something take: a retry with it creates nothing twice.
import { Type } from '@fastify/type-provider-typebox';
import { LIMITS } from '@ecoute/shared/limits';

/** Printable ASCII without spaces, as the widget, the hosted form and the SPA make them. */
export const IdempotencyKeySchema = Type.String({
  minLength: 1,
  maxLength: LIMITS.idempotencyKey,
  pattern: '^[\\x21-\\x7E]+$',
});
