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

  const AGENT = 'an agent endpoint';
  const cases = [
    ['the submit endpoint', '/api/v1/forms/demo/messages'],
    [AGENT, '/api/v1/templates'],
  ].flatMap(([what, path]) =>
    ['application/json', 'application/x-www-form-urlencoded'].flatMap((type) =>
      [
        { size: 2 * MB, chunked: false },
        { size: 20 * MB, chunked: false },
        { size: 20 * MB, chunked: true },
      ].map(({ size, chunked }) => ({ what: what!, path: path!, type, size, mb: size / MB, chunked })),
    ),
  );

  it.each(cases)(
    'answers $what with $mb MB of $type (chunked: $chunked) in the contract’s shape',
    async ({ what, path, type, size, chunked }) => {
      const signedIn: Record<string, string> =
        what === AGENT ? { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken } : {};
      const before = await countMessages();
      const answer = await postFromAnotherProcess(
        `${ecoute.url}${path}`,
        { ...signedIn, 'content-type': type },
        size,
        chunked,
      );
      // The agent API speaks JSON only: urlencoded is a 415, which arrives just the same.
      const expected = what === AGENT && type !== 'application/json' ? 415 : 413;
      expect({ status: answer.status, failed: answer.failed }).toEqual({ status: expected, failed: undefined });
      expectApiError({ status: answer.status!, json: answer.json, headers: new Headers() }, expected);
      expect(await countMessages()).toBe(before);
      await expectHealthy();
    },
  );

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
