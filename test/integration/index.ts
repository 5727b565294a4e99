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
  // Files run in name order: the numbered files rely on a fresh profile (no cache yet).
  return found.sort();
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, forbidOnly: true });
  if (process.env.LITFEED_TEST_GREP) mocha.grep(process.env.LITFEED_TEST_GREP);
  for (const file of testFiles(__dirname)) mocha.addFile(file);
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
