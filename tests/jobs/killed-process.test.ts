// A process killed with SIGKILL while a job runs loses nothing: its attempt expires, and the process
// started after it runs the job again, to completion. On both databases, through real processes
// (tests/jobs/worker-process.ts). The email suite can reuse the shape with the real server
// (tests/support/server-process.ts) once it has real jobs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseTarget } from '../../server/src/db/client.ts';
import { databaseKinds, freshDatabase } from '../support/databases.ts';

vi.setConfig({ testTimeout: 90_000 });
const root = path.resolve(import.meta.dirname, '../..');

interface Worker {
  child: ChildProcess;
  stdout: () => string;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  running.clear();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startWorker(target: DatabaseTarget, env: Record<string, string> = {}): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/jobs/worker-process.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, JOBS_TARGET: JSON.stringify(target), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  let stdout = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  return { child, stdout: () => stdout, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

async function durableDatabase(kind: 'pglite' | 'postgres'): Promise<DatabaseTarget> {
  if (kind === 'postgres') {
    const fresh = await freshDatabase(kind);
    cleanups.push(fresh.drop);
    return fresh.target;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'ecoute-jobs-kill-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return { kind: 'pglite', dataDir: dir };
}

describe.each(databaseKinds)('a worker process killed on %s', (kind) => {
  it('has its job in flight run again, to completion, by the process started after it', async () => {
    const target = await durableDatabase(kind);
    const first = startWorker(target, { JOBS_SEND: '1' });
    await vi.waitFor(() => expect(first.stdout()).toMatch(/^started \S+ 0$/m), { timeout: 60_000, interval: 100 });
    const id = /^sent (\S+)$/m.exec(first.stdout())?.[1];
    expect(first.stdout()).toContain(`started ${id} 0`);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = startWorker(target);
    await vi.waitFor(() => expect(second.stdout()).toMatch(new RegExp(`^completed ${id} [1-9]$`, 'm')), {
      timeout: 60_000,
      interval: 100,
    });
    expect(second.stdout()).not.toMatch(/^started \S+ 0$/m);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
