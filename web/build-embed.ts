// Builds the widget: one minified, dependency-free script, with gzip and brotli copies served as is.
// Its words are copied from the customer catalogue first, so the script always says what it says.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { WIDGET_STRINGS_FILE, widgetStringsJson } from './embed-strings.ts';

await writeFile(WIDGET_STRINGS_FILE, widgetStringsJson());

const outfile = new URL('./dist/embed.js', import.meta.url).pathname;
await mkdir(new URL('./dist/', import.meta.url), { recursive: true });
await build({
  entryPoints: [new URL('./embed/define.ts', import.meta.url).pathname],
  outfile,
  bundle: true,
  minify: true,
  format: 'iife',
  // Browsers with adoptedStyleSheets, which the widget needs anyway: #private fields stay native.
  target: ['chrome100', 'firefox101', 'safari16.4'],
  legalComments: 'none',
});
const code = await readFile(outfile);
await writeFile(`${outfile}.gz`, gzipSync(code, { level: 9 }));
await writeFile(
  `${outfile}.br`,
  brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
);
