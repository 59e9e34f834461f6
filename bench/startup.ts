// How long `npm start` takes to answer: time to the first 200 from /healthz as a client sees it, for
// a first start on an empty data directory and a restart on an existing one, several runs each
// (median and max), with the CPU the process spent, which a busy machine does not inflate.
// Run from a built tree (after `npm ci`): `npm run bench:startup [-- --runs 5]`.
// Targets: restart ≤ 2 s, first start ≤ 5 s.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/support/app.ts';
import { root } from './support.ts';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const TARGET_MS = { first: 5_000, restart: 2_000 };

interface Run {
  ms: number;
  cpuMs: number;
}

/** User and system CPU of a live process and its children so far (Linux /proc, clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime, stime, cutime, cstime are fields 14-17 of stat; index 0 here is field 3.
  return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0) * 10;
}

/** `npm start` on `dataDir`, until /healthz answers 200; then SIGTERM and wait for the exit. */
async function startOnce(dataDir: string): Promise<Run> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { PATH: process.env.PATH, PORT: String(port), ECOUTE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that the server npm runs is stopped with it.
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited before answering:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const ms = performance.now() - started;
    return { ms, cpuMs: cpuOfTree(child.pid!) };
  } finally {
    await stopGroup(child.pid!);
  }
}

/** SIGTERM to npm and the server, then waits until every process of the group is gone (the lock with it). */
async function stopGroup(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(-pid, 'SIGTERM');
  while (alive()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** npm runs the server as its child (`sh -c node scripts/start.js` or directly): sum the tree. */
function cpuOfTree(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return cpuMsOf(pid) + children.reduce((sum, child) => sum + cpuOfTree(Number(child)), 0);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function summarise(name: string, runs: Run[], targetMs: number): boolean {
  const ms = runs.map((run) => run.ms);
  const cpu = runs.map((run) => run.cpuMs);
  console.log(
    `${name}: median ${Math.round(median(ms))} ms, max ${Math.round(Math.max(...ms))} ms ` +
      `(CPU median ${Math.round(median(cpu))} ms) over ${runs.length} runs; target ≤ ${targetMs} ms`,
  );
  return median(ms) <= targetMs;
}

const first: Run[] = [];
const restart: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ecoute-startup-'));
  try {
    first.push(await startOnce(dataDir));
    restart.push(await startOnce(dataDir));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const ok = [
  summarise('First start on an empty data directory', first, TARGET_MS.first),
  summarise('Restart on an existing data directory', restart, TARGET_MS.restart),
].every(Boolean);
process.exitCode = ok ? 0 : 1;
