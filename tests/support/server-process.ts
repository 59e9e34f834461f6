// Real Ecoute processes for the process suites: the compiled server (server/dist/server.js, what
// `npm start` and the container run), built first if stale, with its output kept for assertions.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
let built = false;

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything written to stdout so far. */
  stdout: () => string;
  /** stdout and stderr together, as a person at the terminal would see them. */
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves once `/healthz` answers 200; fails with the output if the process exits first. */
  healthy: (timeoutMs?: number) => Promise<void>;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** Starts Ecoute on `port` with only the environment given (and PATH): no setting leaks from the test. */
export function startServer(port: number, env: Record<string, string>): ServerProcess {
  if (!built) {
    execFileSync(process.execPath, ['scripts/build-stale.js'], { cwd: root, stdio: 'inherit' });
    built = true;
  }
  const child = spawn(process.execPath, ['server/dist/server.js'], {
    cwd: root,
    env: { PATH: process.env.PATH, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let output = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    url,
    stdout: () => stdout,
    output: () => output,
    exited,
    healthy: async (timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`Ecoute exited early:\n${output}`);
        const ok = await fetch(`${url}/healthz`).then(
          (response) => response.ok,
          () => false,
        );
        if (ok) return;
        if (Date.now() > deadline) throw new Error(`Ecoute was not healthy in time:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** For afterEach: kills whatever a test left running. */
export function killServers(): void {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  running.clear();
}
