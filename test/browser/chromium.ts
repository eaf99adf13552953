import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { onPostgres } from '../harness.js';

/**
 * Browser tests drive Debian's Chromium through playwright-core (no downloaded browser
 * builds). They run in the SQLite pass only: the server logic they exercise is covered on
 * both databases by the in-process tests. A missing Chromium skips them locally with the
 * reason shown, but never under CI=true, where the launch is attempted and fails loudly.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export function browserSkipReason(): string | false {
  if (onPostgres) return 'browser tests run in the SQLite pass only (the PostgreSQL pass covers the same server logic in-process)';
  if (!existsSync(CHROMIUM_PATH) && process.env.CI !== 'true') {
    return `Chromium is not installed at ${CHROMIUM_PATH} (apt-get update && apt-get install -y chromium)`;
  }
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
