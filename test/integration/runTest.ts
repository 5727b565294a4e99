/**
 * Runs the integration suite with @vscode/test-electron, on machines that can download
 * VS Code (these CI machines cannot; they use scripts/vscode-server/runIntegration.ts with
 * code-server and the same suite). Usage: npx tsc && node out/test/integration/runTest.js
 */
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { errorMessage } from '../../src/core/guards';

const repoRoot = path.resolve(__dirname, '../../..');

// The same starting point as the code-server runner: a fresh profile, no start-up refresh,
// and a feed URL nothing answers until a test starts its own fixture server.
const settings = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'litfeed.refreshOnStartup': false,
  'litfeed.sources.huggingFace.baseUrl': 'http://127.0.0.1:9',
  'litfeed.network.timeoutSeconds': 5,
};

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'litfeed-electron-'));
  try {
    const userDataDir = path.join(tmp, 'user-data');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(path.join(repoRoot, 'test/fixtures/workspace'), workspace, { recursive: true });
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out/test/integration/index.js'),
      launchArgs: [
        workspace,
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        path.join(tmp, 'extensions'),
        '--disable-extensions',
        '--disable-workspace-trust',
      ],
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`integration tests failed: ${errorMessage(e)}`);
  process.exit(1);
});
