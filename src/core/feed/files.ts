/**
 * The cache's file operations: writes that readers never see half done (a temp file renamed
 * over the target), and reads that treat a missing file or folder as empty.
 */
import * as fs from 'fs/promises';
import { createRequire } from 'module';
import * as path from 'path';
import { errorCode } from '../guards';

const RENAME_RETRY = new Set(['EPERM', 'EACCES', 'EBUSY']);

/**
 * Random hex for temp and quarantine file names. `crypto` is loaded by the first write, not
 * at start-up: reading the cache for the first screen needs none of it.
 */
export function randomHex(bytes: number): string {
  const crypto = createRequire(__filename)('crypto') as typeof import('crypto');
  return crypto.randomBytes(bytes).toString('hex');
}

export async function writeAtomically(file: string, body: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  // Unique per process and call, so concurrent writers never share a temp file.
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomHex(6)}.tmp`);
  try {
    // No fsync: this is a refetchable cache, and rename already keeps readers and killed
    // writers from seeing half a file; only a power cut could, and then reads quarantine it.
    await fs.writeFile(temp, body, typeof body === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
    await renameWithRetry(temp, file);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
}

export async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      if (process.platform !== 'win32' || attempt >= 10 || !RENAME_RETRY.has(errorCode(err) ?? '')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10 * (attempt + 1)));
    }
  }
}

export async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (err) {
    if (errorCode(err) === 'ENOENT' || errorCode(err) === 'ENOTDIR') return [];
    throw err;
  }
}

export async function removeIfPresent(file: string): Promise<boolean> {
  try {
    await fs.unlink(file);
    return true;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false;
    throw err;
  }
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}
