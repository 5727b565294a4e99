/**
 * Runs the integration suite (out/test/integration/index.js) inside code-server: VS Code's
 * test payload in the URL makes the workbench start an extension development host with the
 * suite, and `codeAutomationExit` hands back its exit code. Prints the extension host's
 * output, then one `LITFEED-SUITE` line with the counts.
 *
 * Usage: node out/scripts/vscode-server/runIntegration.js [--grep <pattern>] [--timeout <s>]
 *        [--extension-dir <dir>]   (default: the repo root, i.e. dist/extension.js as built)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import { launchBrowser, newWorkbenchPage, resultsDir } from './browser';
import { cleanupNow, removeDir, trackDir } from './cleanup';
import { codeServerInstall, repoRoot, startCodeServer } from './codeServer';

export interface SuiteCounts {
  passed: number;
  failed: number;
}

/** Settings every integration run starts from: no network at activation, nothing but loopback. */
export const integrationSettings: Record<string, unknown> = {
  'litfeed.refreshOnStartup': false,
  'litfeed.sources.huggingFace.baseUrl': 'http://127.0.0.1:9',
  'litfeed.network.timeoutSeconds': 5,
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A copy of the sample workspace, so tests may edit it. */
export function copyWorkspace(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  trackDir(dir);
  const workspace = path.join(dir, 'workspace');
  fs.cpSync(path.join(repoRoot, 'test/fixtures/workspace'), workspace, { recursive: true });
  return workspace;
}

/** The extension host's console calls arrive as printf-style argument lists. */
function formatArgs(args: unknown): string {
  const list: unknown[] = Array.isArray(args) ? args : [args];
  return util.format(...list);
}

async function runSuite(timeoutMs: number): Promise<{ code: number; counts?: SuiteCounts }> {
  const extensionDir = path.resolve(arg('--extension-dir') ?? repoRoot);
  const required = [path.join(extensionDir, 'dist/extension.js'), path.join(repoRoot, 'out/test/integration/index.js')];
  for (const f of required) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run \`node esbuild.js && npx tsc\` first`);
  }
  const layout = codeServerInstall({ install: true });
  const workspace = copyWorkspace('litfeed-it-');
  const results = path.join(path.dirname(workspace), 'results.json');
  const outDir = resultsDir(repoRoot);
  const grep = arg('--grep');
  const server = await startCodeServer({
    smokeTestDriver: true,
    settings: integrationSettings,
    env: { LITFEED_TEST_RESULTS: results, ...(grep ? { LITFEED_TEST_GREP: grep } : {}) },
    logFile: path.join(outDir, 'integration-code-server.log'),
  });
  const browser = await launchBrowser(layout.chromium, server.xdgEnv);
  const lines: string[] = [];
  try {
    const page = await newWorkbenchPage(browser);
    let finish: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const line = formatArgs(args);
      lines.push(line);
      (type === 'error' ? console.error : console.log)(`  [ext-host] ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    page.on('pageerror', (e) => console.error(`  [page error] ${e.message}`));
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    await page.goto(
      server.folderUrl(workspace, [
        ['extensionDevelopmentPath', remote(extensionDir)],
        ['extensionTestsPath', remote(path.join(repoRoot, 'out/test/integration/index.js'))],
      ]),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), timeoutMs)));
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code !== 0) {
      await page.screenshot({ path: path.join(outDir, 'integration-failure.png') }).catch(() => undefined);
      if (code === -1) console.error(`integration suite did not finish within ${timeoutMs / 1000} s`);
    }
    let counts: SuiteCounts | undefined;
    if (fs.existsSync(results)) counts = JSON.parse(fs.readFileSync(results, 'utf8')) as SuiteCounts;
    const line = lines.map((l) => /LITFEED-MOCHA (\{.*\})/.exec(l)).find(Boolean);
    if (!counts && line) counts = JSON.parse(line[1]) as SuiteCounts;
    return { code, counts };
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    removeDir(path.dirname(workspace));
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const timeoutMs = Number(arg('--timeout') ?? 600) * 1000;
  let counts: SuiteCounts;
  let ok = false;
  try {
    const result = await runSuite(timeoutMs);
    counts = result.counts ?? { passed: 0, failed: 1 };
    // The exit code decides; a failing exit with no failed test counted still counts as one.
    ok = result.code === 0 && counts.failed === 0 && counts.passed > 0;
    if (!ok && counts.failed === 0) counts = { ...counts, failed: 1 };
    console.log(
      `integration (code-server): exit ${result.code}, ${counts.passed} passed, ${counts.failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (e) {
    console.error(`integration run crashed: ${e instanceof Error ? e.stack : String(e)}`);
    counts = { passed: 0, failed: 1 };
  }
  console.log(`LITFEED-SUITE ${JSON.stringify({ suite: 'integration', ...counts })}`);
  cleanupNow();
  process.exit(ok ? 0 : 1);
}

if (require.main === module) main();
