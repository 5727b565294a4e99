import type * as vscode from 'vscode';
import type { FeedStore } from '../../core/feed/store';
import { errorMessage } from '../../core/guards';
import type { Paper } from '../../core/paper';
import { keepPapers } from '../search/keepPapers';

/**
 * The papers cited by id, DOI or title: on disk under the `lookup` source (read once, in the
 * background, when the features load) and in memory for completion, which must not wait.
 */
export class LookedUpPapers {
  private readonly byId = new Map<string, Paper>();

  constructor(
    private readonly store: FeedStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    void this.load();
  }

  papers(): Paper[] {
    return [...this.byId.values()];
  }

  async keep(papers: readonly Paper[], day: string): Promise<void> {
    for (const p of papers) this.byId.set(p.id, p);
    await keepPapers(this.store, 'lookup', papers, day, this.log);
  }

  private async load(): Promise<void> {
    try {
      const days = await this.store.listDays('lookup');
      const { days: read } = await this.store.readDays('lookup', days);
      // Kept papers of this session are newer than what the disk held.
      for (const day of read) for (const p of day.papers) if (!this.byId.has(p.id)) this.byId.set(p.id, p);
    } catch (err) {
      this.log.warn(`reading looked-up papers failed: ${errorMessage(err)}`);
    }
  }
}
