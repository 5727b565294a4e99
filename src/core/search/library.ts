import type { Logger } from '../log';
import { mergeInto, mergeLists, mergePapers } from '../feed/merge';
import type { Paper, SourceId } from '../paper';
import { PaperIndex, type SearchHit } from './paperIndex';
import type { FeedStore } from '../feed/store';
import { errorMessage } from '../guards';
import { TimeSlicer, type SliceOptions } from '../timeSlice';

/**
 * Every paper LitFeed knows — all cached days of every source, the reading list, search
 * results — each once (the same arXiv id from two sources merged), with one search index
 * built on first use and updated as papers arrive, never rebuilt per query.
 */
export class PaperLibrary {
  private readonly index = new PaperIndex();
  private loading: Promise<void> | undefined;
  /**
   * Papers added before anything needed the index (the feed's week and the reading list, as
   * the features load): indexing them cold was a block of 100+ ms that most sessions never
   * use. The load indexes them first, in slices; until then they are only looked up by id.
   */
  private pending: Map<string, Paper> | undefined = new Map();

  constructor(
    private readonly store: FeedStore,
    private readonly sources: readonly SourceId[],
    private readonly log: Logger,
    /** How loading shares the event loop (tests pass a fake clock). */
    private readonly slicing: SliceOptions = {},
  ) {}

  /** Reads the whole cache into the index once; later calls wait for the same load. */
  ensureLoaded(): Promise<void> {
    this.loading ??= this.load().catch((err) => {
      this.loading = undefined;
      this.log.error(`search index: loading the cache failed: ${errorMessage(err)}`);
    });
    return this.loading;
  }

  get loaded(): boolean {
    return this.loading !== undefined;
  }

  /** Adds or updates papers (a refresh, a search result, a saved paper), merging known ones. */
  add(papers: readonly Paper[]): void {
    if (papers.length === 0) return;
    const pending = this.pending;
    if (pending) for (const p of mergeLists([papers])) mergeInto(pending, p);
    else this.index.add(mergeLists([papers]).map((p) => this.mergedWithKnown(p)));
  }

  get(id: string): Paper | undefined {
    return this.pending?.get(id) ?? this.index.get(id);
  }

  get size(): number {
    return this.pending ? this.all().length : this.index.size;
  }

  /** Papers matching the query among those indexed so far (none before `ensureLoaded`). */
  search(query: string, limit = 50): SearchHit[] {
    return this.index.search(query, limit);
  }

  all(): Paper[] {
    const pending = this.pending;
    if (!pending) return this.index.papers();
    return [...this.index.papers().filter((p) => !pending.has(p.id)), ...pending.values()];
  }

  private mergedWithKnown(paper: Paper): Paper {
    const known = this.index.get(paper.id);
    return known ? mergePapers(known, paper) : paper;
  }

  /**
   * Reads, merges and indexes in slices of a few milliseconds with one budget for all three
   * (the cache of a long retention is seconds of work), so the host stays responsive.
   */
  private async load(): Promise<void> {
    const started = Date.now();
    const slicer = new TimeSlicer(this.slicing);
    const early = this.pending;
    if (early) {
      // Searchable within a few slices, long before the whole cache is.
      await this.index.addInBatches([...early.values()], { slicer });
      // Papers added meanwhile were merged into `early`: their newer records go in now.
      this.index.add([...early.values()].filter((p) => this.index.get(p.id) !== p));
      this.pending = undefined;
    }
    const byId = new Map<string, Paper>();
    for (const source of this.sources) {
      const days = await this.store.listDays(source);
      for await (const { day } of this.store.eachDay(source, days, slicer)) {
        if (!day) continue;
        for (const p of day.papers) {
          mergeInto(byId, p.feedDay ? p : { ...p, feedDay: day.day });
          await slicer.pace();
        }
      }
    }
    // Papers added before the load finished (a refresh racing it) stay on top of the cache.
    for (const p of this.index.papers()) mergeInto(byId, p);
    await this.index.addInBatches([...byId.values()], { slicer });
    this.log.info(`search index: ${this.index.size} papers from the cache in ${Date.now() - started} ms`);
  }
}
