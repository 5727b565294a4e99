/** Debian's Chromium driven by playwright-core, headless, with no profile of its own left behind. */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { trackProcessGroup } from './cleanup';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(executablePath: string, xdgEnv: Record<string, string>): Promise<Browser> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^npm_/i.test(k)) env[k] = v;
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: chromiumArgs,
    env: { ...env, ...xdgEnv },
  });
  // playwright starts the browser in its own process group; register it so Ctrl-C ends it too.
  const pid = (browser as unknown as { process?: () => { pid?: number } | null }).process?.()?.pid;
  if (pid) trackProcessGroup(pid);
  return browser;
}

export async function newWorkbenchPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  return context.newPage();
}

export const resultsDir = (root: string): string => {
  const dir = path.join(root, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};
