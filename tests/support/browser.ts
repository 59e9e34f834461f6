// Debian's Chromium driven by playwright-core (each launch gets a fresh temporary profile). Without /usr/bin/chromium the browser suites skip,
// unless ECOUTE_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasBrowser = existsSync(CHROMIUM);
if (process.env.ECOUTE_REQUIRE_BROWSER === '1' && !hasBrowser) {
  throw new Error(`ECOUTE_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}.`);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A page of a new context, signed in to the Ecoute at `url`; the CSP violations it reports go to `violations`. */
export async function signedInPage(
  browser: Browser,
  url: string,
  { email, password }: { email: string; password: string },
  violations: string[],
): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/inbox\/unanswered$/);
  return page;
}
