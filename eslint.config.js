// Lint: the recommended JavaScript and TypeScript rules, zero warnings allowed (npm run lint), and the
// layers (CONVENTIONS.md) as import zones, so that a wrong arrow fails the lint
// (tests/lint/layers.test.ts lints a file breaking each one).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** The folders directly under `dir`: each route area, each SPA feature gets a zone of its own. */
const foldersIn = (dir) =>
  readdirSync(path.join(import.meta.dirname, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

const LAYERS = [
  {
    target: './shared',
    from: ['./server', './web', './tests', './bench'],
    message: 'shared/ is the contract: it imports nothing of ours.',
  },
  {
    target: './server/src/db',
    from: [
      './server/src/domain',
      './server/src/jobs',
      './server/src/plugins',
      './server/src/routes',
      './server/src/http',
    ],
    message: 'The data layer knows no domain, job queue, plugin or route.',
  },
  {
    target: './server/src/jobs',
    from: ['./server/src/domain', './server/src/plugins', './server/src/routes', './server/src/http'],
    message: 'The job queue sits under the domain: it knows the database, never a domain action, plugin or route.',
  },
  {
    target: './server/src/domain',
    from: ['./server/src/plugins', './server/src/routes', './server/src/http'],
    message: 'The domain is called alike by routes, jobs and rules: it knows nothing of HTTP or plugins.',
  },
  {
    target: './server/src/plugins/external',
    from: ['./server/src/db', './server/src/domain'],
    message: 'plugins/external wraps a third-party plugin and knows nothing of our data.',
  },
  ...foldersIn('./server/src/routes/').map((area) => ({
    target: `./server/src/routes/${area}`,
    from: './server/src/routes',
    except: [`./${area}`],
    message: 'A route never imports another route: shared helpers belong in server/src/http/.',
  })),
  ...foldersIn('./web/src/features/').map((feature) => ({
    target: `./web/src/features/${feature}`,
    from: './web/src/features',
    except: [`./${feature}`],
    message: 'Features never import each other: share through web/src/lib or web/src/components.',
  })),
  {
    target: './web/embed',
    from: './web/src',
    message: 'The widget is dependency-free: nothing from the SPA.',
  },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'web/dist/**', 'server/dist/**', 'data/**', 'bench/.work/**', 'migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: LAYERS }] },
  },
);
