// Bodies over the limit get their 413 in the contract's shape, instead of a connection reset while
// they are still being sent; the server stays healthy. The client runs in another process, as real
// clients do: sharing the server's event loop would hide the race between writing and closing.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { signIn, type AgentClient } from '../support/agent.ts';
import { expectApiError } from '../support/api-errors.ts';
import { startApp, type RunningApp } from '../support/app.ts';
import { databaseKinds } from '../support/databases.ts';
import { postJson } from '../support/http.ts';

const MB = 1_000_000;

/** Posts `size` bytes with Node's fetch from a child process: its answer, or the code it failed with. */
const CLIENT = `
const [url, headers, size, chunked] = JSON.parse(process.argv[1]);
const json = headers['content-type'] === 'application/json';
const text = json ? JSON.stringify({ body: 'x'.repeat(size) }) : 'body=' + 'x'.repeat(size);
const body = chunked ? new Blob([text]).stream() : text;
try {
  const response = await fetch(url, { method: 'POST', headers, body, duplex: 'half' });
  console.log(JSON.stringify({ status: response.status, json: await response.json().catch(() => undefined) }));
} catch (error) {
  console.log(JSON.stringify({ failed: error.cause?.code ?? error.message }));
}`;

async function postFromAnotherProcess(url: string, headers: Record<string, string>, size: number, chunked: boolean) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', CLIENT, JSON.stringify([url, headers, size, chunked])],
    { maxBuffer: 1 * MB },
  );
  return JSON.parse(stdout) as { status?: number; json?: any; failed?: string };
}

describe.each(databaseKinds)('oversized requests on %s', (kind) => {
  let ecoute: RunningApp;
  let agent: AgentClient;
  beforeAll(async () => {
    ecoute = await startApp(kind);
    agent = await signIn(ecoute.url);
  });
  afterAll(() => ecoute.close());

  const countMessages = async () =>
    ((await ecoute.app.db.execute(sql`select count(*)::int as n from messages`)).rows[0] as { n: number }).n;

  async function expectHealthy() {
    expect((await fetch(`${ecoute.url}/healthz`)).status).toBe(200);
    expect((await postJson(`${ecoute.url}/api/v1/forms/demo/messages`, { body: 'Still here' })).status).toBe(201);
  }

  const endpoints = (): Array<{ what: string; path: string; headers: Record<string, string> }> => [
    { what: 'the submit endpoint', path: '/api/v1/forms/demo/messages', headers: {} },
    {
      what: 'an agent endpoint',
      path: '/api/v1/templates',
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken },
    },
  ];

  it('answers 2 MB and 20 MB bodies, JSON or urlencoded, sized or chunked, with the 413 in the contract’s shape', async () => {
    const before = await countMessages();
    for (const { what, path, headers } of endpoints()) {
      for (const size of [2 * MB, 20 * MB]) {
        for (const type of ['application/json', 'application/x-www-form-urlencoded']) {
          for (const chunked of [false, true]) {
            const answer = await postFromAnotherProcess(
              `${ecoute.url}${path}`,
              { ...headers, 'content-type': type },
              size,
              chunked,
            );
            const label = `${what}, ${size / MB} MB of ${type}${chunked ? ', chunked' : ''}`;
            // The agent API speaks JSON only: urlencoded is a 415, which arrives just the same.
            const expected = what === 'an agent endpoint' && type !== 'application/json' ? 415 : 413;
            expect({ label, status: answer.status, failed: answer.failed }).toEqual({
              label,
              status: expected,
              failed: undefined,
            });
            expectApiError({ status: answer.status!, json: answer.json, headers: new Headers() }, expected);
          }
        }
      }
    }
    expect(await countMessages()).toBe(before);
    await expectHealthy();
  });

  it('past what it reads before answering (32 MiB), answers and closes cleanly, and stays healthy', async () => {
    const answer = await postFromAnotherProcess(
      `${ecoute.url}/api/v1/forms/demo/messages`,
      { 'content-type': 'application/json' },
      40 * MB,
      false,
    );
    // The client may read the 413 or see the connection close while it still writes: either way it is
    // told at once, and the server does not read the rest.
    if (answer.failed) expect(answer.failed).toMatch(/^(EPIPE|ECONNRESET|UND_ERR_SOCKET)$/);
    else expect(answer.status).toBe(413);
    await expectHealthy();
  });
});
