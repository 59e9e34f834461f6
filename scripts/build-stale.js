// Builds what is missing or older than its sources (the widget, the SPA, the server bundle, the embedded
// database's migrated empty cluster): after a pull only what changed is rebuilt, and a restart builds
// nothing. Plain JavaScript, because it runs before anything is compiled and a TypeScript loader would
// add a third of a second to every start.
// `node scripts/build-stale.js [target…]` builds the stale ones among the targets named (all by default).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const EVERY_BUILD = ['shared/src', 'package-lock.json', 'tsconfig.base.json'];

const TARGETS = {
  widget: {
    inputs: ['web/embed', 'web/build-embed.ts', 'web/package.json', ...EVERY_BUILD],
    outputs: ['web/dist/embed.js', 'web/dist/embed.js.gz', 'web/dist/embed.js.br'],
    script: ['build:embed', '-w', 'web'],
  },
  app: {
    inputs: ['web/src', 'web/index.html', 'web/public', 'web/vite.config.ts', 'web/package.json', ...EVERY_BUILD],
    outputs: ['web/dist/app/index.html'],
    script: ['build:app', '-w', 'web'],
  },
  server: {
    inputs: ['server/src', 'server/build.ts', 'server/package.json', ...EVERY_BUILD],
    outputs: ['server/dist/server.js'],
    script: ['build', '-w', 'server'],
  },
  cluster: {
    inputs: [
      'migrations',
      'server/build-cluster.ts',
      'server/src/db/client.ts',
      'server/src/jobs',
      'package-lock.json',
    ],
    outputs: ['server/dist/cluster.tar.gz'],
    script: ['build:cluster', '-w', 'server'],
  },
};

/** The newest modification time under a path (directories count: a deleted file changes its folder). */
function newest(relative) {
  const stats = statOrNull(relative);
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(root + relative).reduce(
    (max, entry) => Math.max(max, newest(`${relative}/${entry}`)),
    stats.mtimeMs,
  );
}

function statOrNull(relative) {
  try {
    return statSync(root + relative);
  } catch {
    return null;
  }
}

export function isStale({ inputs, outputs }) {
  const built = outputs.map((output) => statOrNull(output)?.mtimeMs ?? 0);
  const oldestOutput = Math.min(...built);
  return oldestOutput === 0 || inputs.some((input) => newest(input) > oldestOutput);
}

export function buildStale(names = Object.keys(TARGETS)) {
  for (const name of names) {
    const target = TARGETS[name];
    if (!target) throw new Error(`Unknown build target "${name}" (known: ${Object.keys(TARGETS).join(', ')}).`);
    if (!isStale(target)) continue;
    console.log(`Building the ${name} (missing or older than its sources)…`);
    const { status } = spawnSync('npm', ['run', '--silent', ...target.script], { cwd: root, stdio: 'inherit' });
    if (status !== 0) throw new Error(`Building the ${name} failed.`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    buildStale(process.argv.length > 2 ? process.argv.slice(2) : undefined);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
