// What a browser test of the widget behind a proxy needs, for one test file: Ecoute, a third-party
// host page, a failing proxy in front of Ecoute, and Chromium; each test gets a fresh browser context
// and finds the proxy passing everything again.
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type RunningApp } from './app.ts';
import { launchBrowser } from './browser.ts';
import { startFailingProxy, type FailingProxy } from './failing-proxy.ts';
import { startHostPage, type HostPage } from './host-page.ts';

export interface WidgetScene {
  ecoute: RunningApp;
  proxy: FailingProxy;
  host: HostPage;
  browser: Browser;
  /** Opens `html` as the host page's `path` in a new context. */
  open(path: string, html: string): Promise<Page>;
}

export function widgetScene(): WidgetScene {
  let context: BrowserContext | undefined;
  const scene = {
    async open(path: string, html: string) {
      scene.host.page(path, html);
      context = await scene.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${scene.host.url}${path}`);
      return page;
    },
  } as WidgetScene;
  beforeAll(async () => {
    [scene.ecoute, scene.host, scene.browser] = await Promise.all([startApp(), startHostPage(), launchBrowser()]);
    scene.proxy = await startFailingProxy(scene.ecoute.url);
  });
  afterAll(async () => {
    await scene.browser?.close();
    await scene.proxy?.close();
    await scene.host?.close();
    await scene.ecoute?.close();
  });
  afterEach(async () => {
    await context?.close();
    await scene.proxy.recover();
  });
  return scene;
}
