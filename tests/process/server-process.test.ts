// The real process: the embedded database's directory lock, surviving a killed process, and a
// graceful close on SIGTERM that finishes the request in flight.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/app.ts';
import { postJson } from '../support/http.ts';

const root = path.resolve(import.meta.dirname, '../..');
const running = new Set<ChildProcess>();

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(dataDir: string, port: number): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      ECOUTE_DATA_DIR: dataDir,
      ECOUTE_ADMIN_PASSWORD: 'a long enough password',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function ready(started: Started): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!started.output().includes('Ecoute is ready')) {
    if (started.child.exitCode !== null) throw new Error(`exited early:\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`not ready in time:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

describe('the server process on the embedded database', () => {
  it('refuses a second process on the same data directory with a clear message', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ecoute-lock-'));
    const first = start(dataDir, await freePort());
    await ready(first);
    const second = start(dataDir, await freePort());
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('Another Ecoute process is using the data directory');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('keeps acknowledged messages when the process is killed, and restarts on the same directory', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ecoute-kill-'));
    const port = await freePort();
    const first = start(dataDir, port);
    await ready(first);
    const sent = await postJson(`http://127.0.0.1:${port}/api/v1/forms/demo/messages`, { body: 'Survive a crash' });
    expect(sent.status).toBe(201);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = start(dataDir, port);
    await ready(second);
    const token = new URL(sent.json.trackingUrl).pathname.split('/').pop();
    const view = await fetch(`http://127.0.0.1:${port}/api/v1/tracking/${token}`).then((r) => r.json());
    expect(view.message.body).toBe('Survive a crash');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('on SIGTERM finishes the request in flight, then exits cleanly', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ecoute-term-'));
    const port = await freePort();
    const server = start(dataDir, port);
    await ready(server);

    const body = JSON.stringify({ body: 'Sent while the server stops' });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/forms/demo/messages',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      // Half the body now, SIGTERM, the rest a moment later: the request is in flight at the signal.
      req.write(body.slice(0, 10));
      setTimeout(() => server.child.kill('SIGTERM'), 200);
      setTimeout(() => req.end(body.slice(10)), 700);
    });
    const { status, text } = await response;
    expect(status).toBe(201);
    expect(JSON.parse(text).reference).toMatch(/^EC-/);
    expect(await server.exited).toBe(0);
  });
});
