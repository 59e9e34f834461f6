// Several Ecoute processes on one PostgreSQL, as behind a load balancer: started together on an
// empty database they both come up (migrations take turns under an advisory lock), and they spend
// the same rate-limit budgets, which a restart does not refill (the counters are in the database).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, TEST_SECRET } from '../support/app.ts';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { postJson } from '../support/http.ts';

const root = path.resolve(import.meta.dirname, '../..');

interface EcouteProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startProcess(databaseUrl: string, port: number): EcouteProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ECOUTE_ADMIN_PASSWORD: 'a long enough password',
      ECOUTE_SECRET: TEST_SECRET,
      ECOUTE_SUBMIT_LIMIT_PER_IP: '5',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
}

/** Resolves once the process answers /healthz with 200; fails if it exits or takes too long. */
async function healthy(ecoute: EcouteProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (ecoute.child.exitCode !== null) throw new Error(`exited with ${ecoute.child.exitCode}:\n${ecoute.output()}`);
    if (Date.now() > deadline) throw new Error(`not healthy in time:\n${ecoute.output()}`);
    const status = await fetch(`${ecoute.url}/healthz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stop(ecoute: EcouteProcess): Promise<void> {
  ecoute.child.kill('SIGTERM');
  expect(await ecoute.exited).toBe(0);
}

const submit = (ecoute: EcouteProcess, body: string) => postJson(`${ecoute.url}/api/v1/forms/demo/messages`, { body });

// Starting processes on a busy two-core machine takes a while: each test gets two minutes.
describe.skipIf(!databaseKinds.includes('postgres'))(
  'two Ecoute processes on one PostgreSQL',
  { timeout: 120_000 },
  () => {
    let database: TestDatabase;
    let ports: [number, number];
    let processes: EcouteProcess[] = [];

    beforeAll(async () => {
      database = await freshDatabase('postgres');
      ports = [await freePort(), await freePort()];
    });
    afterAll(async () => {
      for (const ecoute of processes) ecoute.child.kill('SIGKILL');
      await Promise.all(processes.map((ecoute) => ecoute.exited));
      await database?.drop();
    });

    const databaseUrl = () => (database.target as { url: string }).url;

    it('both come up healthy when started at the same moment on an empty database', async () => {
      processes = ports.map((port) => startProcess(databaseUrl(), port));
      await Promise.all(processes.map(healthy));
      for (const ecoute of processes) {
        expect((await fetch(`${ecoute.url}/healthz`)).status).toBe(200);
        expect(ecoute.output()).not.toMatch(/already exists|"level":(50|60)/);
      }
    });

    it('spends one per-IP budget of 5 across both processes, and a restart does not refill it', async () => {
      const [a, b] = processes as [EcouteProcess, EcouteProcess];
      const statuses = [];
      for (const [i, ecoute] of [a, b, a, b, a].entries()) statuses.push((await submit(ecoute, `Message ${i}`)).status);
      expect(statuses).toEqual([201, 201, 201, 201, 201]);
      for (const ecoute of [a, b]) {
        const sixth = await submit(ecoute, 'One too many');
        expect(sixth.status).toBe(429);
        expect(sixth.json.error.code).toBe('rate_limited');
        expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
      }

      await stop(a);
      const restarted = startProcess(databaseUrl(), ports[0]);
      processes[0] = restarted;
      await healthy(restarted);
      const afterRestart = await submit(restarted, 'After the restart');
      expect(afterRestart.status).toBe(429);
      expect(Number(afterRestart.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  },
);
