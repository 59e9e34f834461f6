const t0 = performance.now();
const orig = console.log; console.log = (...a) => orig(Math.round(performance.now()-t0), ...a.map(x => String(x).slice(0,80)));
const { PGlite } = await import('@electric-sql/pglite');
const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
console.log('imported');
const c = await PGlite.create({ dataDir: process.argv[2], extensions: { unaccent }, debug: 1 });
console.log('created');
await c.close();
