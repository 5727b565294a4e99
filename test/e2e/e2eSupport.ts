/**
 * What the e2e files share: one code-server with the packaged litfeed.vsix and one Chromium for
 * the whole run, and for each file a window of its own (a fresh browser context, a fresh copy
 * of the workspace, its own loopback fixture feed and settings, and an empty global storage),
 * that may reach nothing but 127.0.0.1; and the few ways a person moves around the workbench
 * (palette, sidebar, editor).
 *
 * Installing the .vsix and starting code-server and the browser cost seconds each, so they
 * happen once; everything a file can change is made new for the next file instead. Run the
 * files with `mochaHooks` as root hooks (scripts/mocha-count.js does) so the shared processes
 * end after the last file.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, Frame, Page, Locator } from 'playwright-core';
import { launchBrowser, resultsDir } from '../../scripts/vscode-server/browser';
import {
  codeServerInstall,
  extensionHostPids,
  quietSettings,
  repoRoot,
  startCodeServer,
  type CodeServer,
} from '../../scripts/vscode-server/codeServer';
import { copyWorkspace } from '../../scripts/vscode-server/runIntegration';
import { startHfFixtureServer, type FixtureServer } from '../fixtures/server/hfFixtureServer';

export const SIDEBAR_ROWS = '.part.sidebar .monaco-list-row';
export const QUICK_INPUT = '.quick-input-widget .quick-input-box input';
export const QUICK_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';
/** `publisher.name`: the folder of LitFeed's global storage. */
const EXTENSION_ID = 'litfeed.litfeed';

export interface Workbench {
  fixture: FixtureServer;
  server: CodeServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The copy of test/fixtures/workspace that is open. */
  workspace: string;
  /** Requests this window tried to send off the machine (all were aborted). */
  blocked: string[];
  shot(name: string): Promise<void>;
  /** Closes this file's window and fixture feed; code-server and the browser stay for the next file. */
  close(): Promise<void>;
}

export function clean(text: string): string {
  // Monaco renders spaces as no-break spaces.
  return text.replace(/\u00a0/g, ' ');
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (${String(last)})` : ''}`);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface Shared {
  server: CodeServer;
  browser: Browser;
}

let shared: Promise<Shared> | undefined;

/** code-server with the packaged extension installed, and Chromium: started by the first file, kept for the rest. */
function sharedHarness(): Promise<Shared> {
  shared ??= (async () => {
    const vsix = path.resolve(process.env.LITFEED_E2E_VSIX ?? path.join(repoRoot, 'litfeed.vsix'));
    assert.ok(fs.existsSync(vsix), 'litfeed.vsix is missing: run `npm run package` first');
    const layout = codeServerInstall({ install: true });
    const server = await startCodeServer({
      vsix: [vsix],
      logFile: path.join(resultsDir(repoRoot), 'e2e-code-server.log'),
    });
    try {
      return { server, browser: await launchBrowser(layout.chromium, server.xdgEnv) };
    } catch (e) {
      await server.stop();
      throw e;
    }
  })();
  return shared;
}

/** Root hooks for the e2e run: the shared code-server and browser end after the last file. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    const started = await shared?.catch(() => undefined);
    shared = undefined;
    await started?.browser.close().catch(() => undefined);
    await started?.server.stop();
  },
};

/**
 * A new window in the shared code-server: the fixture feed, `settings` over the defaults, a
 * fresh copy of test/fixtures/workspace, and nothing an earlier file left behind.
 */
export async function startWorkbench(
  logName: string,
  settings: Record<string, unknown> = {},
  /** Fills LitFeed's global storage (given its folder) before the window opens. */
  seedStorage?: (storageDir: string) => Promise<void>,
  /** VS Code's display language for this window, e.g. `de` (English when absent). */
  displayLanguage?: string,
): Promise<Workbench> {
  const { server, browser } = await sharedHarness();
  setDisplayLanguage(server, displayLanguage);
  const shots = resultsDir(repoRoot);
  // An earlier file's window must be gone: its extension host would see the new settings and
  // write to the same global storage.
  await waitFor(
    'the extension host of the window before to end',
    async () => extensionHostPids(server).length === 0,
    60_000,
  );
  fs.rmSync(path.join(server.userDataDir, 'User/globalStorage'), { recursive: true, force: true });
  await seedStorage?.(path.join(server.userDataDir, 'User/globalStorage', EXTENSION_ID));
  const fixture = await startHfFixtureServer();
  let context: BrowserContext | undefined;
  try {
    // User settings are read when a window opens, so each file's go in before its window.
    fs.writeFileSync(
      path.join(server.userDataDir, 'User/settings.json'),
      JSON.stringify(
        {
          ...quietSettings,
          'litfeed.sources.huggingFace.baseUrl': fixture.url,
          'litfeed.feed.range': 'week',
          'litfeed.feed.sort': 'upvotes',
          'litfeed.network.timeoutSeconds': 5,
          ...settings,
        },
        null,
        2,
      ),
    );
    // A context of its own: the workbench keeps its state (and the extension's globalState) in
    // the browser's storage, which a new context starts without.
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    context = ctx;
    // Nothing leaves the machine: every request to another host is aborted and recorded.
    const blocked: string[] = [];
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      let host = '';
      try {
        host = new URL(url).hostname;
      } catch {
        // not a URL with a host (data:, blob:): stays local
      }
      if (host === '' || LOOPBACK.has(host)) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await ctx.newPage();
    const workspace = copyWorkspace(`litfeed-e2e-${logName}-`);
    await page.goto(server.folderUrl(workspace));
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    return {
      fixture,
      server,
      browser,
      context: ctx,
      page,
      workspace,
      blocked,
      shot: async (name) => {
        // The pointer rests on an empty part of the editor area, so no hover covers the picture.
        await page.mouse.move(700, 780);
        await page.screenshot({ path: path.join(shots, `e2e-${name}.png`) });
      },
      close: async () => {
        await ctx.close().catch(() => undefined);
        // A closed tab does not always say goodbye: code-server then keeps the window's extension
        // host for a reconnect that never comes. No window is open now, so every one is stale.
        for (const pid of extensionHostPids(server)) {
          try {
            process.kill(pid, 'SIGTERM');
          } catch {
            // already gone
          }
        }
        await fixture.close();
      },
    };
  } catch (e) {
    await context?.close().catch(() => undefined);
    await fixture.close();
    throw e;
  }
}

/**
 * The display language of the windows opened from now on. code-server reads it, for each window,
 * from the profile's argv.json (what "Configure Display Language" writes), and switches only to
 * a language with an installed language pack: none is installed offline, so a stand-in pack
 * without translations is registered in languagepacks.json. VS Code's own words stay English;
 * the window's language, `vscode.env.language` in the extension host, is `language`.
 */
function setDisplayLanguage(server: CodeServer, language: string | undefined): void {
  const argv = path.join(server.userDataDir, 'User/argv.json');
  const packs = path.join(server.userDataDir, 'languagepacks.json');
  if (!language) {
    fs.rmSync(argv, { force: true });
    return;
  }
  const translations = path.join(server.root, `language-pack-${language}.json`);
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  fs.writeFileSync(argv, JSON.stringify({ locale: language }));
  fs.writeFileSync(
    packs,
    JSON.stringify({
      [language]: {
        hash: `litfeed-e2e-${language}`,
        // The workbench lists installed languages by their pack's first extension.
        extensions: [{ extensionIdentifier: { id: `litfeed-e2e.language-pack-${language}` }, version: '0.0.0' }],
        translations: { vscode: translations },
        label: language,
      },
    }),
  );
}

export async function sidebarRows(page: Page): Promise<string[]> {
  return (await page.locator(SIDEBAR_ROWS).allInnerTexts()).map((t) => clean(t).replace(/\s+/g, ' ').trim());
}

/** Shows the sidebar view `title` with a click on its activity-bar icon (a click on the icon of the view already showing would hide it). */
async function showSidebar(page: Page, title: string): Promise<void> {
  const current = await page
    .locator('.part.sidebar .composite.title .title-label')
    .first()
    .innerText()
    .catch(() => '');
  const visible = await page
    .locator('.part.sidebar')
    .isVisible()
    .catch(() => false);
  if (visible && current.toLowerCase().startsWith(title.toLowerCase())) return;
  await page.locator(`.part.activitybar [aria-label^="${title}"]`).first().click();
}

/** Shows the LitFeed view and waits for the row of `title`. */
export async function showFeedRow(page: Page, title: string): Promise<void> {
  await showSidebar(page, 'LitFeed');
  await page.locator(SIDEBAR_ROWS, { hasText: title }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * Clicks a row (which opens its paper) and waits until the tree shows it selected: a reader
 * often does so before a context menu, and a command that loses its row to a redraw (the
 * start-up refresh, the features bundle arriving, the read mark) acts on the selection. The
 * row is looked for in `pane` when given, else it is the first in the sidebar.
 */
export async function selectRow(page: Page, title: string, pane?: Locator): Promise<void> {
  const row = rowIn(page, title, pane);
  await row.click();
  await waitFor(`"${title}" selected`, async () => ((await row.getAttribute('class')) ?? '').includes('selected'));
}

export async function runFromPalette(page: Page, label: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * "Preferences: Color Theme", then the theme by its label, as a person picks one. Right after
 * start-up the picker can list no themes yet (the built-in theme extensions still loading);
 * then it is closed and opened again.
 */
export async function pickColorTheme(page: Page, label: string, workbenchClass: 'vs' | 'vs-dark'): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('>Preferences: Color Theme');
    // Not "Browse Color Themes in Marketplace", which matches too.
    await rows
      .filter({ has: page.locator('.label-name', { hasText: /^Preferences: Color Theme$/ }) })
      .first()
      .click({ timeout: 10_000 });
    const listed = await rows
      .filter({ hasText: label })
      .first()
      .waitFor({ state: 'visible', timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (listed) break;
    await page.keyboard.press('Escape');
    if (attempt === 3) {
      throw new Error(`the color theme picker does not list "${label}": ${JSON.stringify(await rows.allInnerTexts())}`);
    }
    await page.waitForTimeout(1_000);
  }
  await input.fill(label);
  await rows
    .and(page.locator('.focused'))
    .filter({ hasText: label })
    .first()
    .waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  await page.waitForFunction(
    (cls) => {
      const wb = document.querySelector('.monaco-workbench');
      return wb !== null && wb.classList.contains(cls) && (cls === 'vs-dark' || !wb.classList.contains('vs-dark'));
    },
    workbenchClass,
    { timeout: 10_000 },
  );
}

/** The innermost webview frame that holds `selector` (webviews live in nested iframes). */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 20_000): Promise<Frame> {
  return waitFor(
    `a webview frame with ${selector}`,
    async () => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        if (
          (await frame
            .locator(selector)
            .count()
            .catch(() => 0)) > 0
        ) {
          return frame;
        }
      }
      return undefined;
    },
    timeoutMs,
  );
}

/**
 * Brings `name` to the front (its tab in the first editor group if it has one, else a
 * double-click in the Explorer) and puts the caret at the end of the line holding `lineText`.
 */
export async function openFileAtLine(page: Page, name: string, lineText: string): Promise<void> {
  const tab = page
    .locator('.part.editor .editor-group-container')
    .first()
    .locator('.tabs-container .tab', { hasText: name })
    .first();
  if ((await tab.count()) > 0) {
    await tab.click();
  } else {
    await showSidebar(page, 'Explorer');
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    await row.dblclick();
  }
  // The first file opened in a new window can take tens of seconds when the machine is busy.
  const line = page.locator('.editor-instance .view-line', { hasText: lineText }).first();
  await line.waitFor({ state: 'visible', timeout: 60_000 });
  await line.click();
  await page.keyboard.press('End');
}

/** The tree row of `title`: in `pane` when given (a paper can show in several views), else the first in the sidebar. */
function rowIn(page: Page, title: string, pane?: Locator): Locator {
  return pane
    ? pane.locator('.monaco-list-row', { hasText: title }).first()
    : page.locator(SIDEBAR_ROWS, { hasText: title }).first();
}

/**
 * Right-clicks the tree row of `title` (in `pane` when given) and chooses `label` from its context menu. The item is
 * chosen with the keyboard once it has focus: a click that lands while the menu is still
 * opening is sometimes ignored.
 */
export async function contextMenuOnRow(page: Page, title: string, label: string, pane?: Locator): Promise<void> {
  const menu = page.locator('.context-view .monaco-menu');
  const item = menu.locator('.action-item', { hasText: label }).first();
  // A right-click that lands while the tree redraws (a paper marked read) opens no menu: try again.
  for (let attempt = 1; ; attempt++) {
    await rowIn(page, title, pane).click({ button: 'right' });
    try {
      await item.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await waitFor(
    `"${label}" focused in the context menu`,
    async () => {
      await item.hover();
      return (await item.getAttribute('class'))?.includes('focused');
    },
    5_000,
  );
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', timeout: 5_000 });
}

/** Text of the visible text editors' lines. */
/** Text of every frame but the workbench's own: webviews live in nested iframes. */
export async function framesText(page: Page): Promise<string> {
  const parts: string[] = [];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    parts.push(
      clean(
        await frame
          .locator('body')
          .innerText({ timeout: 1000 })
          .catch(() => ''),
      ),
    );
  }
  return parts.join('\n');
}

export async function editorText(page: Page): Promise<string> {
  return clean((await page.locator('.editor-instance .view-lines').allInnerTexts()).join('\n'));
}

export function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** Runs a palette command whose own input box opens, and types `text` there. */
export async function typeIntoCommand(page: Page, label: string, text: string): Promise<Locator> {
  const input = page.locator(QUICK_INPUT);
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 30_000 });
      await input.fill(`>${label}`);
      // A busy machine can take a while to list commands, or drop the first key press.
      await page.locator(QUICK_ROWS, { hasText: label }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await page.keyboard.press('Enter');
      await waitFor(`the input box of "${label}"`, async () => !(await input.inputValue()).startsWith('>'), 30_000);
      await input.fill(text, { timeout: 10_000 });
      return input;
    } catch (err) {
      // The box closes when something else takes the focus as it opens (a busy machine).
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}
