// Path parameters more than one route area takes.
import { Type } from '@fastify/type-provider-typebox';

/** `/…/:id` for a row's uuid: anything else is a 400 before the database is asked. */
export const IdParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });
