/**
 * Helper scripts run as the unprivileged user `nobody`, so that tests running as root meet a
 * real EACCES from the kernel. That user may not be able to read the checkout at all (a clone
 * in root's home, or in a `mktemp -d` folder, is mode 700), so the script is bundled with
 * esbuild, its imports and packages included, into a world-readable temp folder and run there.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';

export const NOBODY = { uid: 65534, gid: 65534 };

/** Tests run from out/test/unit/helpers; helper sources live in the repo's test/unit. */
const repoRoot = path.resolve(__dirname, '../../../..');

export interface BundledScript {
  path: string;
  remove(): Promise<void>;
}

/** Bundles `source` (relative to the repo root, a .ts file that runs itself when it is the main module). */
export async function bundleForNobody(source: string): Promise<BundledScript> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'litfeed-nobody-'));
  const remove = () => fs.rm(dir, { recursive: true, force: true });
  try {
    const outfile = path.join(dir, `${path.basename(source, '.ts')}.js`);
    await build({
      entryPoints: [path.join(repoRoot, source)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile,
      logLevel: 'silent',
    });
    await fs.chmod(dir, 0o755);
    await fs.chmod(outfile, 0o644);
    // Every folder above must let others through, or the child fails to load the script.
    for (let d = path.dirname(dir); ; d = path.dirname(d)) {
      const { mode } = await fs.stat(d);
      assert.ok(mode & 0o001, `${d} is closed to other users: point TMPDIR at a folder they can reach`);
      if (path.dirname(d) === d) break;
    }
    return { path: outfile, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}

/** Runs a helper script that prints one JSON value, as `user` when given; fails on a non-zero exit. */
export async function runJsonScript(
  script: string,
  args: string[],
  user: { uid: number; gid: number } | Record<string, never> = {},
): Promise<unknown> {
  // The parent's working folder may be closed to `user`.
  const child = spawn(process.execPath, [script, ...args], {
    ...user,
    cwd: path.dirname(script),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 0, `${path.basename(script)} ${args[0] ?? ''} failed: ${err}`);
  return JSON.parse(out);
}
