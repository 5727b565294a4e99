/**
 * Starts a real VS Code (code-server) for tests and the demo: a throw-away profile, a free
 * loopback port, its own process group, and a stop() that removes all of it.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { removeDir, stopProcessGroup, trackDir, trackProcessGroup } from './cleanup';

export const repoRoot = path.resolve(
  __dirname,
  fs.existsSync(path.resolve(__dirname, '../../package.json')) ? '../..' : '../../..',
);

export interface InstallLayout {
  dir: string;
  nodeBin: string;
  codeServerEntry: string;
  chromium: string;
  complete: boolean;
}

const installScript = path.join(repoRoot, 'scripts/vscode-server/install.js');

/** Where the cached code-server is; installs it first when `install` is set and it is missing. */
export function codeServerInstall(options: { install?: boolean } = {}): InstallLayout {
  const read = (): InstallLayout => {
    const r = spawnSync(process.execPath, [installScript, '--layout'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`install.js --layout failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as InstallLayout;
  };
  let layout = read();
  if (!layout.complete && options.install) {
    const r = spawnSync(process.execPath, [installScript], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('installing code-server failed (see the log above)');
    layout = read();
  }
  if (!layout.complete) {
    throw new Error(`code-server is not installed in ${layout.dir}; run: node scripts/vscode-server/install.js`);
  }
  return layout;
}

/** The settings that keep a fresh window quiet and offline-safe. */
export const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  // The web workbench saves 1 s after an edit unless told otherwise; desktop VS Code, which
  // LitFeed's users mostly run, does not. A test that keeps a file unsaved needs desktop's default.
  'files.autoSave': 'off',
};

export interface StartOptions {
  /** Extra user settings, merged over quietSettings. */
  settings?: Record<string, unknown>;
  /** .vsix files to install into the profile before starting. */
  vsix?: string[];
  /** Enables VS Code's test payload (extensionTestsPath) in the browser. */
  smokeTestDriver?: boolean;
  /** Preferred port; the next free one is used when taken. 0 or absent: any free port. */
  port?: number;
  /** Extra environment for code-server and its extension host. */
  env?: Record<string, string>;
  /** code-server's output goes here (kept after stop, for diagnosis). */
  logFile?: string;
  /** Keep the profile folders after stop() (the demo prints where they are). */
  keepProfile?: boolean;
}

export interface CodeServer {
  url: string;
  port: number;
  pid: number;
  root: string;
  userDataDir: string;
  extensionsDir: string;
  /** XDG_* folders for anything else started alongside (the browser). */
  xdgEnv: Record<string, string>;
  /** The URL that opens `folder` (optionally with a test payload). */
  folderUrl(folder: string, payload?: [string, string][]): string;
  stop(): Promise<void>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function pickPort(preferred: number | undefined): Promise<number> {
  if (preferred) {
    for (let p = preferred; p < preferred + 50; p++) if (await portFree(p)) return p;
  }
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

function envFor(
  layout: InstallLayout,
  xdg: Record<string, string>,
  extra: Record<string, string> | undefined,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // `npm run` leaks its settings; code-server has no use for them.
  for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k];
  return { ...env, ...xdg, ...extra, PATH: `${layout.nodeBin}${path.delimiter}${process.env.PATH ?? ''}` };
}

export function makeProfileDirs(prefix: string): {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  xdgEnv: Record<string, string>;
} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  trackDir(root);
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const xdgEnv = {
    XDG_DATA_HOME: path.join(root, 'xdg/data'),
    XDG_CONFIG_HOME: path.join(root, 'xdg/config'),
    XDG_CACHE_HOME: path.join(root, 'xdg/cache'),
    XDG_STATE_HOME: path.join(root, 'xdg/state'),
  };
  for (const d of [path.join(userDataDir, 'User'), extensionsDir, ...Object.values(xdgEnv)]) {
    fs.mkdirSync(d, { recursive: true });
  }
  return { root, userDataDir, extensionsDir, xdgEnv };
}

/** Installs a packaged extension into a profile with code-server's own CLI. */
export function installVsix(
  layout: InstallLayout,
  vsix: string,
  dirs: { userDataDir: string; extensionsDir: string; xdgEnv: Record<string, string> },
): void {
  const r = spawnSync(
    path.join(layout.nodeBin, 'node'),
    [
      layout.codeServerEntry,
      '--user-data-dir',
      dirs.userDataDir,
      '--extensions-dir',
      dirs.extensionsDir,
      '--install-extension',
      vsix,
      '--force',
    ],
    { encoding: 'utf8', env: envFor(layout, dirs.xdgEnv, undefined), timeout: 120_000 },
  );
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${out}`);
  }
}

export async function startCodeServer(options: StartOptions = {}): Promise<CodeServer> {
  const layout = codeServerInstall();
  const dirs = makeProfileDirs('litfeed-cs-');
  const { root, userDataDir, extensionsDir, xdgEnv } = dirs;
  fs.writeFileSync(
    path.join(userDataDir, 'User/settings.json'),
    JSON.stringify({ ...quietSettings, ...options.settings }, null, 2),
  );
  for (const vsix of options.vsix ?? []) installVsix(layout, vsix, dirs);

  const config = path.join(root, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const logFile = options.logFile ?? path.join(root, 'code-server.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });

  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await pickPort(options.port);
    const out = fs.openSync(logFile, 'a');
    const args = [
      layout.codeServerEntry,
      '--config',
      config,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ];
    const child = spawn(path.join(layout.nodeBin, 'node'), args, {
      detached: true,
      stdio: ['ignore', out, out],
      env: envFor(layout, xdgEnv, options.env),
    });
    fs.closeSync(out);
    const pid = child.pid;
    if (pid === undefined) throw new Error('code-server did not start');
    trackProcessGroup(pid);
    let exited: number | string | null = null;
    child.once('exit', (code, signal) => (exited = code ?? signal ?? 'exit'));

    const deadline = Date.now() + 60_000;
    while (exited === null && Date.now() < deadline && !(await healthy(port))) {
      await new Promise((r) => setTimeout(r, 250));
    }
    if (exited === null && (await healthy(port))) {
      const base = `http://127.0.0.1:${port}`;
      return {
        url: `${base}/`,
        port,
        pid,
        root,
        userDataDir,
        extensionsDir,
        xdgEnv,
        folderUrl(folder, payload) {
          // Slashes stay readable: the demo prints this URL for people to open.
          const folderParam = encodeURIComponent(folder).replace(/%2F/g, '/');
          const payloadParam = payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '';
          return `${base}/?folder=${folderParam}${payloadParam}`;
        },
        async stop() {
          await stopProcessGroup(pid);
          if (!options.keepProfile) removeDir(root);
        },
      };
    }
    await stopProcessGroup(pid);
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    lastError =
      exited !== null
        ? `code-server exited (${exited}) before /healthz answered:\n${tail}`
        : `code-server /healthz did not answer in 60 s:\n${tail}`;
    // A port taken between picking and binding is worth another try; other failures repeat.
    if (!/EADDRINUSE/.test(tail)) break;
  }
  removeDir(root);
  throw new Error(lastError);
}

/** Pids of the extension hosts `server` runs (one per open window), from /proc. */
export function extensionHostPids(server: { pid: number }): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may hold spaces): state, ppid, pgrp, ...
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== server.pid) continue;
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('--type=extensionHost')) pids.push(Number(entry));
    } catch {
      // ended while being read
    }
  }
  return pids;
}
