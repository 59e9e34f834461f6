// The layer rules of eslint.config.js, proved: a small file breaking each one fails the lint with the
// repository's own config, and the arrows the layers allow pass.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

interface Case {
  /** Where the fixture pretends to live. */
  file: string;
  /** What it imports, relative to that place (every target exists). */
  imports: string;
}

const BREAKING: Record<string, Case> = {
  'shared/ importing the server': { file: 'shared/src/fixture.ts', imports: '../../server/src/config.ts' },
  'shared/ importing the SPA': { file: 'shared/src/fixture.ts', imports: '../../web/src/lib/format.ts' },
  'db/ importing the domain': { file: 'server/src/db/fixture.ts', imports: '../domain/errors.ts' },
  'db/ importing a plugin': { file: 'server/src/db/fixture.ts', imports: '../plugins/app/errors.ts' },
  'db/schema importing a route': { file: 'server/src/db/schema/fixture.ts', imports: '../../routes/users/index.ts' },
  'db/ importing the job queue': { file: 'server/src/db/fixture.ts', imports: '../jobs/queue.ts' },
  'the job queue importing the domain': { file: 'server/src/jobs/fixture.ts', imports: '../domain/errors.ts' },
  'the job queue importing a plugin': { file: 'server/src/jobs/fixture.ts', imports: '../plugins/app/errors.ts' },
  'the job queue importing a route': { file: 'server/src/jobs/fixture.ts', imports: '../routes/messages/index.ts' },
  'the domain importing a plugin': { file: 'server/src/domain/fixture.ts', imports: '../plugins/app/errors.ts' },
  'the domain importing a route': { file: 'server/src/domain/fixture.ts', imports: '../routes/messages/index.ts' },
  'a route importing another route': {
    file: 'server/src/routes/templates/fixture.ts',
    imports: '../users/index.ts',
  },
  'plugins/external importing the data layer': {
    file: 'server/src/plugins/external/fixture.ts',
    imports: '../../db/forms.repo.ts',
  },
  'plugins/external importing the domain': {
    file: 'server/src/plugins/external/fixture.ts',
    imports: '../../domain/tracking.ts',
  },
  'a web feature importing another feature': {
    file: 'web/src/features/inbox/components/fixture.tsx',
    imports: '../../messages/components/timeline.tsx',
  },
  'the widget importing the SPA': { file: 'web/embed/fixture.ts', imports: '../src/lib/format.ts' },
};

const ALLOWED: Record<string, Case> = {
  'a route using the domain': { file: 'server/src/routes/messages/fixture.ts', imports: '../../domain/add-note.ts' },
  'a route using an HTTP helper': {
    file: 'server/src/routes/messages/fixture.ts',
    imports: '../../http/params.ts',
  },
  'a route using its own files': { file: 'server/src/routes/messages/fixture.ts', imports: './index.ts' },
  'the domain using the data layer': { file: 'server/src/domain/fixture.ts', imports: '../db/messages.repo.ts' },
  'the job queue using the data layer': { file: 'server/src/jobs/fixture.ts', imports: '../db/transaction.ts' },
  'the domain sending jobs': { file: 'server/src/domain/fixture.ts', imports: '../jobs/queue.ts' },
  'a plugin using the job queue': { file: 'server/src/plugins/app/fixture.ts', imports: '../../jobs/queue.ts' },
  'a route using the job queue': { file: 'server/src/routes/messages/fixture.ts', imports: '../../jobs/catalog.ts' },
  'a plugin using the data layer': { file: 'server/src/plugins/app/fixture.ts', imports: '../../db/users.repo.ts' },
  'a feature using the shared SPA code': {
    file: 'web/src/features/inbox/components/fixture.tsx',
    imports: '../../../lib/format.ts',
  },
};

describe('the layer rules', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: root });
  });

  const lint = async ({ file, imports }: Case) => {
    const code = `import * as imported from '${imports}';\n\nexport const used = imported;\n`;
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result!.messages.map((message) => message.ruleId);
  };

  it.each(Object.entries(BREAKING))('fail the lint on %s', async (_name, fixture) => {
    expect(await lint(fixture)).toEqual(['import-x/no-restricted-paths']);
  });

  it.each(Object.entries(ALLOWED))('let through %s', async (_name, fixture) => {
    expect(await lint(fixture)).toEqual([]);
  });
});
