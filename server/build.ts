// Compiles the process into server/dist/server.js (and chunks it loads on demand), which production
// runs with plain Node. Loading hundreds of small modules through a TypeScript loader took about a second of
// every start, so our code, @ecoute/shared and the pure-JavaScript packages are bundled together.
import { readdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';

/** Packages that read their own files at run time, so they load from node_modules as installed. */
const KEEP_INSTALLED = [
  '@electric-sql/pglite', // its WebAssembly build and extension archives
  '@node-rs/argon2', // a native addon
  'pino', // its worker-thread transports
  'pino-pretty',
  '@fastify/swagger-ui', // the static files of the documentation page
  'pg', // an optional native binding it looks up at run time
  'email-reply-parser', // looks up its optional RE2 engine with a createRequire of its own
];

const outdir = new URL('./dist/', import.meta.url).pathname;
// Chunks are named by their content: remove the last build's, or they would pile up.
for (const file of await readdir(outdir).catch(() => [])) {
  if (/\.js(\.map)?$/.test(file)) await rm(outdir + file);
}

await build({
  entryPoints: [new URL('./src/server.ts', import.meta.url).pathname],
  outdir,
  // What is imported on demand (node-postgres, for PostgreSQL only) stays in chunks of its own, loaded
  // when asked for, instead of at every start.
  splitting: true,
  chunkNames: '[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  external: KEEP_INSTALLED,
  // Bundled CommonJS packages call `require` for Node's own modules, which an ES module lacks.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
});
