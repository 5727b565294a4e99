/**
 * A folder of cache files kept under a number of entries: after each new file, once past the
 * cap, the oldest files (by modification time) go, down to nine tenths of it, so a full folder
 * is not listed again on every write. Shared by the look-up cache and the Hugging Face links
 * cache; a failed removal is logged and forgotten, like every other cache write.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { errorMessage } from '../guards';
import type { Logger } from '../log';
import { readdirOrEmpty } from './files';

export class CappedFolder {
  /** Files on disk as far as this process knows; counted on the first write. */
  private count: number | undefined;
  private evicting: Promise<void> | undefined;

  constructor(
    readonly dir: string,
    /** The entries' file-name ending (temp and hidden files are not entries). */
    private readonly suffix: string,
    readonly maxEntries: number,
    /** Names the cache in log lines. */
    private readonly what: string,
    private readonly log: Logger,
  ) {}

  /** Call after writing a file that was not there before. */
  async added(): Promise<void> {
    if (this.count === undefined) this.count = (await this.entries()).length;
    else this.count++;
    if (this.count <= this.maxEntries) return;
    this.evicting ??= this.evict().finally(() => (this.evicting = undefined));
    await this.evicting;
  }

  private async entries(): Promise<string[]> {
    const names = await readdirOrEmpty(this.dir).catch(() => []);
    return names.filter((n) => n.endsWith(this.suffix) && !n.startsWith('.'));
  }

  private async evict(): Promise<void> {
    const aged: { name: string; at: number }[] = [];
    for (const name of await this.entries()) {
      try {
        aged.push({ name, at: (await fs.stat(path.join(this.dir, name))).mtimeMs });
      } catch {
        // Gone already.
      }
    }
    const keep = Math.floor(this.maxEntries * 0.9);
    aged.sort((a, b) => a.at - b.at || a.name.localeCompare(b.name));
    const doomed = aged.slice(0, Math.max(0, aged.length - keep));
    for (const { name } of doomed) {
      await fs.rm(path.join(this.dir, name), { force: true }).catch((err: unknown) => {
        this.log.warn(`${this.what}: could not remove ${name}: ${errorMessage(err)}`);
      });
    }
    this.count = aged.length - doomed.length;
  }
}
