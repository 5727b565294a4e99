// @ts-check
/**
 * Row 6b: LitFeed's first screen in a real window (code-server + Chromium) against the least
 * an extension can do to show the same rows (bench/realHost/minimal). argv = one JSON object:
 *
 *   { root, work, storageDir, litfeedVsix?, runs, warmup }
 *
 * `storageDir` is a global-storage folder holding the bench's cache (FeedStore's layout); it is
 * copied into both extensions' global storage before every window. `litfeedVsix` is a packaged
 * LitFeed; without it LitFeed is packaged from the repo (vsce runs the production build).
 *
 * Both extensions are installed in one code-server; each measured window is new (a fresh
 * browser context, so fresh workbench state, and a fresh extension host) and opens an empty
 * folder. Once the window is idle (both activity-bar icons drawn, the extension host's CPU quiet,
 * the page idle), the extension's activity-bar icon is clicked, which activates it (onView), and
 * the clock runs from that click's pointerdown in the page to the first animation frame in which
 * a row labelled with one of the week's paper titles is in the sidebar. The same clock also
 * takes the first row of any kind (a day group). The extension host's log says when the
 * activation started; the row's time minus that is reported as "from activation" (both are
 * this machine's wall clock, to the millisecond).
 *
 * Windows alternate between the two extensions (LitFeed first on even rounds), so drift in the
 * machine's load hits both alike; `warmup` rounds run first and are not counted.
 * Prints one JSON line; progress goes to stderr.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { buildHarness, vscePackage, hostIdle, endHosts, activationLogged } = require('./realHost/host');

const opts = JSON.parse(process.argv[2] ?? '{}');
const root = opts.root;
const work = opts.work;

const EXTENSIONS = {
  litfeed: { id: 'litfeed.litfeed', icon: 'LitFeed' },
  minimal: { id: 'litfeed-bench.minimal-feed', icon: 'Minimal Feed' },
};
/** LitFeed stays offline and reads only its cache: what the first screen of a restart does. */
const SETTINGS = {
  'litfeed.refreshOnStartup': false,
  'litfeed.autoRefresh.intervalHours': 0,
  'litfeed.sources.huggingFace.baseUrl': 'http://127.0.0.1:9',
  'litfeed.network.timeoutSeconds': 5,
  'litfeed.feed.range': 'week',
  'litfeed.feed.sort': 'upvotes',
};
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const WINDOW_TIMEOUT_MS = 180_000;
const ROW_TIMEOUT_MS = 120_000;

const log = (/** @type {string} */ s) => process.stderr.write(`[6b] ${s}\n`);
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The week's day files as the feed reads them: the titles any paper row can show, and the first one. */
function weekTitles() {
  const dir = path.join(opts.storageDir, 'feed', 'v1', 'hf-daily');
  const today = new Date().toISOString().slice(0, 10);
  const t = Date.parse(`${today}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  const titles = [];
  let files = 0;
  for (let i = 0; i <= weekday; i++) {
    const file = path.join(dir, `${new Date(t - i * 86_400_000).toISOString().slice(0, 10)}.json`);
    if (!fs.existsSync(file)) continue;
    files++;
    for (const p of JSON.parse(fs.readFileSync(file, 'utf8')).papers) titles.push(p.title);
  }
  return { titles, files };
}

/**
 * One window: fresh global storage holding the cache, a new browser context on an empty folder,
 * the wait for idle, then the click and the clock.
 */
async function oneWindow(
  /** @type {any} */ h,
  /** @type {'litfeed' | 'minimal'} */ which,
  /** @type {string[]} */ titles,
) {
  const { harness, server, browser } = h;
  // A folder of its own per window: state the server keeps per folder (which side bar view
  // was open) can be written late by the window before, after it was cleared below.
  const workspace = fs.mkdtempSync(path.join(h.workspaces, 'ws-'));
  await endHosts(harness, server);
  const storage = path.join(server.userDataDir, 'User', 'globalStorage');
  fs.rmSync(storage, { recursive: true, force: true });
  // The folder's own state remembers which side bar view was open last; restored, it would
  // activate that extension before its icon is clicked.
  fs.rmSync(path.join(server.userDataDir, 'User', 'workspaceStorage'), { recursive: true, force: true });
  for (const ext of Object.values(EXTENSIONS)) {
    fs.cpSync(opts.storageDir, path.join(storage, ext.id), { recursive: true });
  }
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    await context.route('**/*', (/** @type {any} */ route) => {
      let host = '';
      try {
        host = new URL(route.request().url()).hostname;
      } catch {
        // data:, blob:
      }
      return host === '' || LOOPBACK.has(host) ? route.continue() : route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const opened = Date.now();
    await page.goto(server.folderUrl(workspace));
    const icon = (/** @type {string} */ label) => page.locator(`.part.activitybar [aria-label^="${label}"]`).first();
    for (const ext of Object.values(EXTENSIONS))
      await icon(ext.icon).waitFor({ state: 'visible', timeout: WINDOW_TIMEOUT_MS });
    const idle = await hostIdle(harness, server);
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(undefined), { timeout: 5000 })));
    const hosts = harness.extensionHostPids(server);
    if (hosts.length !== 1) throw new Error(`expected one extension host, found ${hosts.length}`);
    const ext = EXTENSIONS[which];
    // Nothing has activated it yet: an activation before the click would be timed wrongly.
    const before = activationLogged(server.userDataDir, ext.id, opened);
    if (before !== undefined) throw new Error(`${ext.id} activated before its view was opened`);

    await page.evaluate((/** @type {string[]} */ list) => {
      const wanted = new Set(list);
      /** @type {any} */
      const bench = { wall0: 0, t0: 0 };
      /** @type {any} */ (window).__bench = bench;
      bench.done = new Promise((resolve, reject) => {
        const deadline = () => performance.now() - bench.t0 > 120_000;
        const tick = () => {
          const now = performance.now();
          const labels = [...document.querySelectorAll('.part.sidebar .monaco-list-row .label-name')].map((e) =>
            (e.textContent ?? '').replace(/\u00a0/g, ' '),
          );
          if (labels.length > 0 && bench.anyMs === undefined) bench.anyMs = now - bench.t0;
          const hit = labels.find((l) => wanted.has(l));
          if (hit !== undefined) {
            resolve({
              ms: now - bench.t0,
              anyMs: bench.anyMs,
              wallStart: bench.wall0,
              wallEnd: bench.wall0 + (now - bench.t0),
              title: hit,
            });
          } else if (deadline()) {
            reject(new Error(`no paper row after 120 s; rows: ${JSON.stringify(labels.slice(0, 5))}`));
          } else {
            requestAnimationFrame(tick);
          }
        };
        document.addEventListener(
          'pointerdown',
          () => {
            bench.t0 = performance.now();
            bench.wall0 = Date.now();
            requestAnimationFrame(tick);
          },
          { capture: true, once: true },
        );
      });
    }, titles);
    await icon(ext.icon).click();
    /** @type {{ ms: number, anyMs: number, wallStart: number, wallEnd: number, title: string }} */
    const r = await page.evaluate(() => /** @type {any} */ (window).__bench.done, undefined, {
      timeout: ROW_TIMEOUT_MS,
    });
    // The log is written a moment after the activation starts.
    let activatedAt;
    for (let i = 0; i < 20 && activatedAt === undefined; i++) {
      activatedAt = activationLogged(server.userDataDir, ext.id, opened);
      if (activatedAt === undefined) await sleep(250);
    }
    const rows = (await page.locator('.part.sidebar .monaco-list-row .label-name').allTextContents()).map((t) =>
      t.replace(/\u00a0/g, ' '),
    );
    return {
      ms: r.ms,
      anyRowMs: r.anyMs,
      fromActivationMs: activatedAt === undefined ? undefined : r.wallEnd - activatedAt,
      clickToActivationMs: activatedAt === undefined ? undefined : activatedAt - r.wallStart,
      idle,
      title: r.title,
      rows,
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function main() {
  const dir = path.join(work, 'realHost');
  fs.mkdirSync(dir, { recursive: true });
  const harness = await buildHarness(root, work);
  const layout = harness.codeServerInstall();
  log('packaging the extensions …');
  const minimalVsix = vscePackage(root, path.join(__dirname, 'realHost', 'minimal'), path.join(dir, 'minimal.vsix'), [
    '--skip-license',
  ]);
  const litfeedVsix = opts.litfeedVsix ?? vscePackage(root, root, path.join(dir, 'litfeed.vsix'));
  const { titles, files } = weekTitles();
  if (titles.length === 0) throw new Error(`no cached papers for this week in ${opts.storageDir}`);
  const workspaces = fs.mkdtempSync(path.join(os.tmpdir(), 'litfeed-bench-ws-'));
  log('starting code-server and Chromium …');
  const server = await harness.startCodeServer({
    vsix: [litfeedVsix, minimalVsix],
    settings: SETTINGS,
    logFile: path.join(dir, 'code-server.log'),
  });
  /** @type {any} */
  let browser;
  try {
    browser = await harness.launchBrowser(layout.chromium, server.xdgEnv);
    const h = { harness, server, browser, workspaces };
    /** @type {Record<'litfeed' | 'minimal', any[]>} */
    const runs = { litfeed: [], minimal: [] };
    const rounds = opts.warmup + opts.runs;
    for (let i = 0; i < rounds; i++) {
      /** @type {('litfeed' | 'minimal')[]} */
      const order = i % 2 === 0 ? ['litfeed', 'minimal'] : ['minimal', 'litfeed'];
      for (const which of order) {
        const r = await oneWindow(h, which, titles);
        log(
          `${i < opts.warmup ? 'warm-up' : `round ${i - opts.warmup + 1}/${opts.runs}`} ${which}: ${r.ms.toFixed(0)} ms (from activation ${r.fromActivationMs ?? '?'} ms)`,
        );
        if (i >= opts.warmup) runs[which].push(r);
      }
    }
    const summary = (/** @type {any[]} */ list) => {
      const from = list.map((r) => r.fromActivationMs).filter((v) => typeof v === 'number');
      const toAct = list.map((r) => r.clickToActivationMs).filter((v) => typeof v === 'number');
      return {
        ms: median(list.map((r) => r.ms)),
        anyRowMs: median(list.map((r) => r.anyRowMs)),
        fromActivationMs: from.length === list.length ? median(from) : undefined,
        clickToActivationMs: toAct.length === list.length ? median(toAct) : undefined,
        all: list.map((r) => Math.round(r.ms)),
        idle: list.every((r) => r.idle),
      };
    };
    const l = runs.litfeed;
    const m = runs.minimal;
    // The rows both drew: the same labels in the same order, as far as the sidebar shows them.
    const shown = Math.min(l[0].rows.length, m[0].rows.length);
    const sameRows = shown > 0 && l[0].rows.slice(0, shown).every((t, i) => t === m[0].rows[i]);
    const result = {
      runs: opts.runs,
      warmup: opts.warmup,
      files,
      papers: titles.length,
      litfeed: summary(l),
      minimal: summary(m),
      sameRows,
      rowsCompared: shown,
      firstRows: l[0].rows.slice(0, 3),
      minimalFirstRows: m[0].rows.slice(0, 3),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(workspaces, { recursive: true, force: true });
  }
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
