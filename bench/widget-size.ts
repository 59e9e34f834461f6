// Prints the widget's size as served (raw, gzip, brotli) and fails when gzip exceeds the 6 KB budget.
// Run: npm run build -w web && node --import tsx bench/widget-size.ts
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const BUDGET_GZIP = 6 * 1024;
const file = fileURLToPath(new URL('../web/dist/embed.js', import.meta.url));
if (!existsSync(file)) execFileSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'inherit' });

const code = readFileSync(file);
const gzip = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code).length;
console.table({ 'embed.js': { raw: code.length, gzip, brotli, 'gzip budget': BUDGET_GZIP } });
if (gzip > BUDGET_GZIP) {
  console.error(`The widget is ${gzip} bytes gzipped, over the ${BUDGET_GZIP}-byte budget.`);
  process.exit(1);
}
