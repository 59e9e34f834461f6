// The real process: the embedded database's directory lock, surviving a killed process, a
// graceful close on SIGTERM that finishes the request in flight and ends live streams at once, the first start's credentials
// (a box at a terminal, JSON otherwise), and logs that never carry a private token.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signIn } from '../support/agent.ts';
import { freePort } from '../support/app.ts';
import { openEventStream } from '../support/event-stream.ts';
import { postJson, tokenOf } from '../support/http.ts';
import { killServers, startServer, type ServerProcess } from '../support/server-process.ts';

const PASSWORD = 'a long enough password';
const newDataDir = (name: string) => mkdtempSync(path.join(tmpdir(), `ecoute-${name}-`));
const start = (dataDir: string, port: number, env: Record<string, string> = {}): ServerProcess =>
  startServer(port, { ECOUTE_DATA_DIR: dataDir, ECOUTE_ADMIN_PASSWORD: PASSWORD, ...env });

afterEach(killServers);
// A first start initialises a PostgreSQL cluster: on a busy machine that takes a while.
vi.setConfig({ testTimeout: 90_000 });

describe('the server process on the embedded database', () => {
  it('refuses a second process on the same data directory with a clear message', async () => {
    const dataDir = newDataDir('lock');
    const first = start(dataDir, await freePort());
    await first.healthy();
    const second = start(dataDir, await freePort());
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('Another Ecoute process is using the data directory');
    expect(await first.stop()).toBe(0);
  });

  it('keeps acknowledged messages when the process is killed, and restarts on the same directory', async () => {
    const dataDir = newDataDir('kill');
    const port = await freePort();
    const first = start(dataDir, port);
    await first.healthy();
    const sent = await postJson(`http://127.0.0.1:${port}/api/v1/forms/demo/messages`, { body: 'Survive a crash' });
    expect(sent.status).toBe(201);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = start(dataDir, port);
    await second.healthy();
    const token = tokenOf(sent.json.trackingUrl);
    const view = await fetch(`http://127.0.0.1:${port}/api/v1/tracking/${token}`).then((r) => r.json());
    expect(view.message.body).toBe('Survive a crash');
    expect(await second.stop()).toBe(0);
  });

  it('on SIGTERM finishes the request in flight, then exits cleanly', async () => {
    const dataDir = newDataDir('term');
    const port = await freePort();
    const server = start(dataDir, port);
    await server.healthy();

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

  it('on SIGTERM ends the open live streams at once (they would hold the close up), then exits cleanly', async () => {
    const server = start(newDataDir('streams'), await freePort());
    await server.healthy();
    const admin = await signIn(server.url, { email: 'admin@localhost', password: PASSWORD });
    const streams = await Promise.all([1, 2].map(() => openEventStream(server.url, admin.cookie)));
    await Promise.all(streams.map((stream) => stream.next((event) => event.event === 'ready')));
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    await Promise.all(streams.map((stream) => stream.ended));
    // Well before the 15 s heartbeat, and without the client letting go.
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(await server.exited).toBe(0);
  });
});

/** The generated password, read back from a box line `║   password  …  ║`. */
function passwordInBox(output: string): string {
  const match = /║ {3}password {2}(\S+)/.exec(output);
  if (!match) throw new Error(`no password in the box:\n${output}`);
  return match[1]!;
}

describe('the first start tells a person how to sign in', () => {
  it('prints the admin, a working password and the sign-in URL in a box when the logs are readable', async () => {
    const port = await freePort();
    const server = startServer(port, { ECOUTE_DATA_DIR: newDataDir('box'), LOG_FORMAT: 'pretty' });
    await server.healthy();
    const out = server.stdout();
    expect(out).toMatch(/╔═+╗/);
    expect(out).toContain(`║   ${server.url}/login`);
    expect(out).toMatch(/║ {3}email {5}admin@localhost /);
    const password = passwordInBox(out);
    expect(password.length).toBeGreaterThanOrEqual(20);
    const agent = await signIn(server.url, { email: 'admin@localhost', password });
    expect(agent.user.role).toBe('admin');
    expect(await server.stop()).toBe(0);
  });

  it('reads as lines for a person when stdout is a terminal, without any setting', async () => {
    const port = await freePort();
    // `script` gives the process a pseudo-terminal, as `npm start` in a terminal has.
    const child = spawn('script', ['-qfec', `${process.execPath} server/dist/server.js`, '/dev/null'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH, PORT: String(port), ECOUTE_DATA_DIR: newDataDir('tty') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (chunk) => (out += chunk));
    try {
      const deadline = Date.now() + 60_000;
      while (!out.includes('Ecoute is ready')) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`not ready:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(out).toMatch(/╔═+╗/);
      expect(out).toContain('INFO');
      expect(out).not.toContain('{"level"');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('keeps every line JSON when stdout is not a terminal, with the credentials in fields', async () => {
    const port = await freePort();
    const server = startServer(port, { ECOUTE_DATA_DIR: newDataDir('json') });
    await server.healthy();
    const firstAdmin = server
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .find((log) => log.firstAdmin)?.firstAdmin;
    expect(firstAdmin).toMatchObject({ email: 'admin@localhost', signInUrl: `${server.url}/login` });
    await signIn(server.url, { email: firstAdmin.email, password: firstAdmin.password });
    expect(await server.stop()).toBe(0);
    for (const line of server.stdout().trim().split('\n')) expect(() => JSON.parse(line), line).not.toThrow();
    expect(server.stdout()).not.toContain('╔');
  });
});

describe('the logs never carry a private token', () => {
  it('writes tracking and set-password tokens as [redacted] in every request line, whatever the route answers', async () => {
    const port = await freePort();
    const server = start(newDataDir('redact'), port);
    await server.healthy();
    const sent = await postJson(`${server.url}/api/v1/forms/demo/messages`, { body: 'A private conversation' });
    const trackingToken = tokenOf(sent.json.trackingUrl);
    const admin = await signIn(server.url, { email: 'admin@localhost', password: PASSWORD });
    const link = await admin.request('POST', '/api/v1/users', {
      email: 'new.agent@example.com',
      name: 'New Agent',
      role: 'agent',
    });
    const setPasswordToken = new URL(link.json.setPasswordUrl).searchParams.get('token')!;

    expect((await fetch(`${server.url}/t/${trackingToken}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/tracking/${trackingToken}`)).status).toBe(200);
    const again = await postJson(`${server.url}/api/v1/tracking/${trackingToken}/messages`, { body: 'And again' });
    expect(again.status).toBe(201);
    expect((await fetch(`${server.url}/set-password?token=${setPasswordToken}`)).status).toBe(200);
    const spent = await postJson(`${server.url}/api/v1/auth/set-password`, {
      token: setPasswordToken,
      password: 'another long password',
    });
    expect(spent.status).toBe(204);
    // An unknown path that looks like a tracking link, and the message Fastify writes about it.
    expect((await fetch(`${server.url}/t/${trackingToken}/nowhere`)).status).toBe(404);
    expect(await server.stop()).toBe(0);

    const log = server.output();
    expect(log).not.toContain(trackingToken);
    expect(log).not.toContain(setPasswordToken);
    const urls = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).req?.url)
      .filter(Boolean);
    expect(urls).toEqual(
      expect.arrayContaining([
        '/t/[redacted]',
        '/api/v1/tracking/[redacted]',
        '/api/v1/tracking/[redacted]/messages',
        '/set-password?token=[redacted]',
        '/api/v1/auth/set-password',
      ]),
    );
  });
});
