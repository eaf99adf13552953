import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { createTestApp, type TestApp } from '../harness.js';
import { browserSkipReason, launchChromium } from './chromium.js';

export interface BrowserApp {
  app: TestApp;
  browser: Browser;
  baseUrl: string;
}

/**
 * For one describe block: a test app listening on a free port and a Chromium, started before
 * its tests and closed after them (nothing is started when browser tests are skipped).
 */
export function useBrowserApp(env: Record<string, string> = {}): BrowserApp {
  const state = {} as BrowserApp;
  before(async () => {
    if (browserSkipReason()) return;
    state.app = await createTestApp(env);
    state.baseUrl = await state.app.http.listen({ port: 0, host: '127.0.0.1' });
    state.browser = await launchChromium();
  });
  after(async () => {
    await state.browser?.close();
    await state.app?.close();
  });
  return state;
}
