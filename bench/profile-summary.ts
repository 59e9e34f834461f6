// Summarises a V8 .cpuprofile: self time per function and per package, to see where time goes.
//   node --import tsx bench/profile-summary.ts /tmp/prof/CPU.*.cpuprofile
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { nodes: Node[] };
const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/work\/main\//, '');
  byFunction.set(
    `${functionName || '(anonymous)'} ${where}:${lineNumber}`,
    (byFunction.get(`${functionName || '(anonymous)'} ${where}:${lineNumber}`) ?? 0) + hits,
  );
  const pkg = url.includes('node_modules/')
    ? url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1')
    : url.startsWith('node:')
      ? 'node internals'
      : url
        ? 'ecoute'
        : functionName || '(vm)';
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
}
const top = (map: Map<string, number>, n: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, hits]) => `${((100 * hits) / total).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
console.log(`by package (self time):\n${top(byPackage, 15)}\n\nby function (self time):\n${top(byFunction, 25)}`);
