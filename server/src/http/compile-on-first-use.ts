// Fastify compiles every route's validators (ajv) and response serializers (fast-json-stringify) when
// the app becomes ready: a third of a second of a restart, for routes most of which a process may
// never serve. These compilers build each one on the first request that needs it instead, with the
// very compilers Fastify would use, given the same options.
import AjvCompiler from '@fastify/ajv-compiler';
import SerializerCompiler from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Compiled = ((...args: unknown[]) => unknown) & { errors?: unknown };
type Compile = (routeSchema: object) => Compiled;
type Factory = (...options: never[]) => Compile;

/** The factory `build`, whose compiled functions are compiled when first called. */
function onFirstUse<F extends Factory>(build: F): F {
  return ((...options: Parameters<F>) => {
    const compile = build(...options);
    return (routeSchema: object) => {
      let compiled: Compiled | undefined;
      const deferred: Compiled = (...args) => {
        compiled ??= compile(routeSchema);
        const result = compiled(...args);
        // Fastify reads a failed validation's errors off the function it was given.
        deferred.errors = compiled.errors;
        return result;
      };
      return deferred;
    };
  }) as F;
}

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

export const compilersFactory = {
  buildValidator: onFirstUse(AjvCompiler() as unknown as Factory),
  buildSerializer: onFirstUse(SerializerCompiler() as unknown as Factory),
} as unknown as CompilersFactory;
