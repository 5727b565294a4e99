#!/usr/bin/env node
// @ts-check
// `npm run demo`: builds and packages LitFeed, installs it into code-server with a fresh
// profile and a copy of the sample workspace (paper.tex, notes.md, refs.bib), and serves it
// on http://127.0.0.1:8080 (or the next free port). With no cache and
// `litfeed.refreshOnStartup: false` the view shows the bundled sample feed, so it works
// with no network. Ctrl-C stops code-server and removes the profile.
//
//   npm run demo                                  serve until Ctrl-C
//   npm run demo -- --port 9000                   another port
//   npm run demo -- --screenshot out.png          headless: open LitFeed, save a PNG, exit
//   npm run demo -- --no-package                  reuse an existing litfeed.vsix
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** @param {string} name */
function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** @param {string} title @param {string} cmd @param {string[]} args @param {boolean} [mustSucceed] */
function step(title, cmd, args, mustSucceed = true) {
  console.log(`[demo] ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (mustSucceed && r.status !== 0) {
    console.error(`[demo] ${title} failed (exit ${r.status})`);
    process.exit(1);
  }
}

let stopping = false;
// Registered before anything starts, so it runs before the harness's own cleanup handler.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (!stopping) console.log('\n[demo] stopping code-server and removing the temporary profile…');
    stopping = true;
  });
}

async function main() {
  const shotPath = arg('--screenshot');
  const port = Number(arg('--port') ?? 8080);
  // tsc emits the harness even if some file in the tree has a type error.
  step(
    'compiling the harness (tsc)',
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', root],
    false,
  );
  if (process.argv.includes('--no-package') && fs.existsSync(path.join(root, 'litfeed.vsix')))
    console.log('[demo] using the existing litfeed.vsix');
  else step('building and packaging litfeed.vsix', 'npm', ['run', '--silent', 'package']);
  step('making sure code-server and chromium are installed (first run: a few minutes)', process.execPath, [
    path.join(root, 'scripts/vscode-server/install.js'),
  ]);

  const { startCodeServer, codeServerInstall } = require(path.join(root, 'out/scripts/vscode-server/codeServer.js'));
  const { copyWorkspace } = require(path.join(root, 'out/scripts/vscode-server/runIntegration.js'));
  const { cleanupNow } = require(path.join(root, 'out/scripts/vscode-server/cleanup.js'));

  const workspace = copyWorkspace('litfeed-demo-');
  const server = await startCodeServer({
    vsix: [path.join(root, 'litfeed.vsix')],
    port,
    settings: { 'litfeed.refreshOnStartup': false },
  });
  const url = server.folderUrl(workspace);

  if (!shotPath) {
    console.log(`\n[demo] LitFeed is running in code-server (a real VS Code):\n\n    ${url}\n`);
    console.log('[demo] open it in a browser and click the LitFeed icon in the activity bar. Ctrl-C stops it.');
    await new Promise(() => undefined);
    return;
  }

  const { launchBrowser, newWorkbenchPage } = require(path.join(root, 'out/scripts/vscode-server/browser.js'));
  const layout = codeServerInstall();
  const browser = await launchBrowser(layout.chromium, server.xdgEnv);
  try {
    const page = await newWorkbenchPage(browser);
    await page.goto(url);
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    // The writing side of the picture: paper.tex in the editor (best effort).
    try {
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget .quick-input-box input').fill('paper.tex');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'paper.tex' })
        .first()
        .waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
    } catch {
      console.log('[demo] could not open paper.tex for the screenshot; continuing');
    }
    await page.locator('.part.activitybar [aria-label^="LitFeed"]').first().click();
    // A wider side bar, so paper rows show their upvotes and first author.
    const sash = await page.locator('.part.sidebar').boundingBox();
    if (sash) {
      await page.mouse.move(sash.x + sash.width + 1, sash.y + sash.height / 2);
      await page.mouse.down();
      await page.mouse.move(sash.x + sash.width + 200, sash.y + sash.height / 2, { steps: 5 });
      await page.mouse.up();
    }
    const rows = page.locator('.part.sidebar .monaco-list-row');
    // Day groups and at least one paper: an empty tree is a failure, not a picture.
    await rows.nth(1).waitFor({ state: 'visible', timeout: 30_000 });
    await rows.nth(1).click();
    await page
      .locator('.editor-instance .view-lines')
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 })
      .catch(() => undefined);
    // The abstract lives in a nested webview frame; wait until it has drawn the paper.
    const drawn = Date.now() + 20_000;
    while (Date.now() < drawn) {
      const frames = page.frames();
      const found = await Promise.all(
        frames.map((f) =>
          f
            .locator('#paper-title')
            .count()
            .catch(() => 0),
        ),
      );
      if (found.some((n) => n > 0)) break;
      await page.waitForTimeout(250);
    }
    await page.waitForTimeout(1000);
    fs.mkdirSync(path.dirname(path.resolve(shotPath)), { recursive: true });
    await page.screenshot({ path: path.resolve(shotPath) });
    console.log(
      `[demo] screenshot saved to ${path.resolve(shotPath)} (${await rows.count()} rows in the LitFeed view)`,
    );
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    cleanupNow();
  }
}

main().catch((e) => {
  console.error(`[demo] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
