/**
 * The integration suite's entry point: the file VS Code loads as `extensionTestsPath`.
 * Both runners use it: @vscode/test-electron (runTest.ts) and code-server through the
 * test payload (scripts/vscode-server/runIntegration.ts). It resolves when every test
 * passed and rejects otherwise, which VS Code turns into the exit code.
 */
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';

function testFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...testFiles(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

/**
 * The files to run: all of them in name order, or those whose name contains one of the
 * comma-separated parts of LITFEED_INTEGRATION_FILES (e.g. `06,09`). Each file sets up what it
 * needs, so LITFEED_INTEGRATION_ORDER=reverse runs them backwards to show no file leans on another.
 */
function selectedFiles(dir: string): string[] {
  const parts = (process.env.LITFEED_INTEGRATION_FILES ?? '').split(',').filter((p) => p.trim() !== '');
  const files = testFiles(dir).filter(
    (f) => parts.length === 0 || parts.some((p) => path.basename(f).includes(p.trim())),
  );
  if (files.length === 0) {
    throw new Error(`no integration test file matches LITFEED_INTEGRATION_FILES=${parts.join(',')}`);
  }
  return process.env.LITFEED_INTEGRATION_ORDER === 'reverse' ? files.reverse() : files;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, forbidOnly: true });
  if (process.env.LITFEED_TEST_GREP) mocha.grep(process.env.LITFEED_TEST_GREP);
  for (const file of selectedFiles(__dirname)) mocha.addFile(file);
  await mocha.loadFilesAsync();
  const counts = await new Promise<{ passed: number; failed: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
  });
  // One machine-readable line for the outer runner, which counts tests across suites.
  console.log(`LITFEED-MOCHA ${JSON.stringify(counts)}`);
  if (process.env.LITFEED_TEST_RESULTS) fs.writeFileSync(process.env.LITFEED_TEST_RESULTS, JSON.stringify(counts));
  if (counts.failed > 0 || counts.passed === 0) {
    throw new Error(`${counts.failed} integration test(s) failed, ${counts.passed} passed`);
  }
}
