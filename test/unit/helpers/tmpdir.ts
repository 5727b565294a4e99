import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh folder under the OS temp dir; `remove()` deletes it and everything in it. */
export interface TempDir {
  path: string;
  remove(): Promise<void>;
}

export async function makeTempDir(prefix = 'litfeed-test-'): Promise<TempDir> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  return {
    path: dir,
    // Tests chmod things to provoke errors; restore access first so removal cannot fail on them.
    async remove() {
      await restoreAccess(dir);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

async function restoreAccess(dir: string): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    await fs.chmod(dir, 0o700);
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await restoreAccess(p);
    else await fs.chmod(p, 0o600).catch(() => undefined);
  }
}
