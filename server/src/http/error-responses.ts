// Error responses for route schemas: each documented status refers to the one error shape.
import { Type } from '@fastify/type-provider-typebox';

export function errorResponses<Codes extends number>(descriptions: Record<Codes, string>) {
  const responses = Object.fromEntries(
    (Object.entries(descriptions) as Array<[string, string]>).map(([status, description]) => [
      status,
      Type.Ref('Error', { description }),
    ]),
  ) as Record<Codes | 500, ReturnType<typeof Type.Ref>>;
  responses[500] = Type.Ref('Error', { description: 'Unexpected failure; details stay in the server logs' });
  return responses;
}
