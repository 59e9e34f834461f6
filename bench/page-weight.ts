// What the agent app costs on the wire: the bytes Chromium receives (encoded, as sent: compressed
// when compressed) for a cold visit to the sign-in page, and to the inbox of a signed-in agent with
// messages in it. `npm run bench:page-weight`; targets: sign-in ≤ 150 KB, inbox ≤ 250 KB.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { signIn } from '../tests/support/agent.ts';
import { freePort } from '../tests/support/app.ts';
import { launchBrowser } from '../tests/support/browser.ts';
import { postJson } from '../tests/support/http.ts';
import { startServer } from '../tests/support/server-process.ts';

const ADMIN = { email: 'admin@localhost', password: 'page weight password' };
const MESSAGES = 25;
const TARGETS_KB = { signIn: 150, inbox: 250 };

interface Weight {
  bytes: number;
  requests: { url: string; bytes: number; encoding: string }[];
}

/** Loads `url` in `page` until the network is idle, summing encodedDataLength from the DevTools protocol. */
async function weigh(page: Page, url: string, shown: (page: Page) => Locator): Promise<Weight> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const responses = new Map<string, { url: string; encoding: string }>();
  const requests: Weight['requests'] = [];
  cdp.on('Network.responseReceived', (event) => {
    const encoding = Object.entries(event.response.headers).find(([name]) => name.toLowerCase() === 'content-encoding');
    responses.set(event.requestId, { url: event.response.url, encoding: String(encoding?.[1] ?? 'none') });
  });
  cdp.on('Network.loadingFinished', (event) => {
    const response = responses.get(event.requestId);
    if (response) requests.push({ ...response, bytes: event.encodedDataLength });
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await shown(page).first().waitFor();
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return { bytes: requests.reduce((sum, request) => sum + request.bytes, 0), requests };
}

function report(name: string, weight: Weight, targetKb: number): boolean {
  const kb = weight.bytes / 1024;
  console.log(
    `\n${name}: ${kb.toFixed(1)} KB transferred in ${weight.requests.length} requests (target ≤ ${targetKb} KB)`,
  );
  for (const request of weight.requests.sort((a, b) => b.bytes - a.bytes)) {
    console.log(
      `  ${(request.bytes / 1024).toFixed(1).padStart(7)} KB  ${request.encoding.padEnd(5)} ${new URL(request.url).pathname}`,
    );
  }
  return kb <= targetKb;
}

const port = await freePort();
const server = startServer(port, {
  ECOUTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ecoute-page-weight-')),
  ECOUTE_ADMIN_PASSWORD: ADMIN.password,
  ECOUTE_SUBMIT_LIMIT_PER_IP: '1000',
  LOG_LEVEL: 'warn',
});
let browser: Browser | undefined;
try {
  await server.healthy();
  for (let i = 0; i < MESSAGES; i++) {
    await postJson(`${server.url}/api/v1/forms/demo/messages`, {
      body: `Message ${i + 1}: the delivery was late and the box was damaged, could someone call me back?`,
      email: `customer${i}@example.com`,
    });
  }
  browser = await launchBrowser();

  const visitor = await browser.newContext();
  const signInWeight = await weigh(await visitor.newPage(), `${server.url}/login`, (page) =>
    page.getByRole('heading', { name: 'Sign in' }),
  );

  const agent = await signIn(server.url, ADMIN);
  const signedIn = await browser.newContext();
  await signedIn.addCookies(
    agent.cookie.split('; ').map((pair) => {
      const [name, ...value] = pair.split('=');
      return { name: name!, value: value.join('='), url: server.url };
    }),
  );
  const inboxPage = await signedIn.newPage();
  const inboxWeight = await weigh(inboxPage, `${server.url}/inbox/unanswered`, (page) => page.getByText('Message 25:'));

  const ok = [
    report('Sign-in page (/login, cold cache)', signInWeight, TARGETS_KB.signIn),
    report(`Inbox (/inbox/unanswered, signed in, ${MESSAGES} messages, cold cache)`, inboxWeight, TARGETS_KB.inbox),
  ].every(Boolean);
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser?.close();
  await server.stop();
}
