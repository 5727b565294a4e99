import type { Logger } from '../log';
import { mergeLists, mergePapers } from '../feed/merge';
import type { Paper, SourceId } from '../paper';
import { PaperIndex, type SearchHit, type SearchOptions } from './paperIndex';
import type { FeedStore } from '../feed/store';
import { errorCode, errorMessage } from '../guards';
import { TimeSlicer, nextTurn, type SliceOptions } from '../timeSlice';
import { runSliced, searchParts, type SearchPart } from './searchParts';
import {
  notItself,
  paperCounts,
  similarParts,
  textCounts,
  type SimilarHit,
  type SimilarOptions,
  type TermCounts,
} from './similar';
import { indexDir } from './persist/buildSegment';
import { SegmentError, type Segment } from './persist/segment';
import { SEGMENT_VERSION } from './persist/segmentFormat';
import {
  openNamed,
  readSegments,
  removeOlderVersions,
  removeSegment,
  stampDayFiles,
  type NamedSegment,
} from './persist/segmentFolder';
import { planSync } from './persist/syncPlan';
import { workerBuilder, type SegmentBuilder } from './persist/workerBuild';

export type { SimilarHit } from './similar';

export interface LibraryOptions {
  /** How opening the index shares the event loop (tests pass a fake clock). */
  slicing?: SliceOptions;
  /** Builds a segment; by default in a worker thread. */
  build?: SegmentBuilder;
  /** Quiet time after papers arrive before the persisted index is brought up to date. */
  syncDelayMs?: number;
}

/** Rounds of checking and building in one sync: a day file rewritten while it was read goes again. */
const MAX_SYNC_ROUNDS = 3;
const DEFAULT_SYNC_DELAY_MS = 2000;

/**
 * Every paper LitFeed knows — all cached days of every source, the reading list, search
 * results — searchable without holding them: the cache's days are indexed into segment
 * files in global storage (persist/, docs/search-index.md), opened by reading their index
 * part (postings and summaries are read as queries need them), and brought up to date with
 * the day files in a worker thread. Papers this window adds (the
 * feed's week, saved papers, search results) are indexed in memory as well, whole, and
 * stand for their persisted copies.
 */
export class PaperLibrary {
  private readonly live = new PaperIndex();
  /** What the user's notes files say of their papers (searched; the papers are listed whole from elsewhere). */
  private notes = new PaperIndex();
  /** Oldest first. */
  private segments: NamedSegment[] = [];
  private opening: Promise<void> | undefined;
  private syncing: Promise<void> | undefined;
  private syncAgain = false;
  private searching: Promise<unknown> = Promise.resolve();
  /** Papers added and not indexed yet (see `add`). */
  private readonly pending = new Map<string, Paper>();
  private draining: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly stop = new AbortController();
  private readonly dir: string;
  private readonly build: SegmentBuilder;

  constructor(
    private readonly store: FeedStore,
    private readonly sources: readonly SourceId[],
    private readonly log: Logger,
    private readonly options: LibraryOptions = {},
  ) {
    this.dir = indexDir(store.root, SEGMENT_VERSION);
    this.build = options.build ?? workerBuilder();
  }

  /**
   * Opens the persisted index once (later calls wait for the same), then starts bringing it
   * up to date with the cache in the background (`whenCurrent` waits for that too).
   */
  ensureLoaded(): Promise<void> {
    this.opening ??= this.open().catch((err) => {
      this.log.error(`search index: opening it failed: ${errorMessage(err)}`);
    });
    return this.opening;
  }

  /** Resolves once every cached day is searchable (after any build it needed). */
  async whenCurrent(): Promise<void> {
    await this.ensureLoaded();
    if (this.timer) {
      // Papers just arrived: index their days now rather than after the quiet time.
      clearTimeout(this.timer);
      this.timer = undefined;
      this.startSync();
    }
    while (this.syncing || this.draining) await (this.syncing ?? this.draining);
  }

  /**
   * Adds or updates papers (a refresh, a search result, a saved paper), merging known ones.
   * They are held at once and indexed in slices once something searches (an arXiv listing
   * is hundreds of papers: indexing them in one go would block the host for 100 ms or more).
   */
  add(papers: readonly Paper[]): void {
    if (papers.length === 0) return;
    for (const p of mergeLists([papers])) {
      const known = this.pending.get(p.id) ?? this.live.get(p.id);
      this.pending.set(p.id, known ? mergePapers(known, p) : p);
    }
    if (this.opening) {
      void this.drain();
      // A refresh has written day files: index them once it has settled.
      this.scheduleSync();
    }
  }

  /**
   * The notes files' text, searched beside the papers (a paper found by its notes is listed
   * as the library knows it when it does). Replaces the notes given before.
   */
  setNotes(papers: readonly Paper[]): void {
    // A note is searched through: it is the user's own words, and notes are few.
    this.notes = new PaperIndex(papers, Number.POSITIVE_INFINITY);
  }

  /** The paper if this window holds it whole (added by it: the feed's days, saved, searched). */
  get(id: string): Paper | undefined {
    return this.pending.get(id) ?? this.live.get(id);
  }

  /** The paper as a search would list it: whole when held, else its persisted summary. */
  async listed(id: string): Promise<Paper | undefined> {
    const live = this.get(id);
    if (live) return live;
    for (let s = this.segments.length - 1; s >= 0; s--) {
      const named = this.segments[s];
      const slots = named.segment.slotsOf(id);
      const slot = slots.find((k) => named.segment.dead[k] === 0) ?? slots[0];
      if (slot !== undefined) return (await this.readSummaries(named, [slot]))?.[0];
    }
    return undefined;
  }

  /** The whole paper: every cached day file holding it read and merged, with this window's copy. */
  async paper(id: string): Promise<Paper | undefined> {
    const records: Paper[] = [];
    const seen = new Set<string>();
    for (const { segment } of this.segments) {
      for (const slot of segment.slotsOf(id)) {
        const { source, day } = segment.meta.files[segment.slotFile[slot]];
        if (seen.has(`${source}/${day}`)) continue;
        seen.add(`${source}/${day}`);
        const { day: cached } = await this.store.readDay(source, day).catch(() => ({ day: undefined }));
        const found = cached?.papers.find((p) => p.id === id);
        if (found && cached) records.push(found.feedDay ? found : { ...found, feedDay: cached.day });
      }
    }
    const live = this.get(id);
    if (live) records.push(live);
    return records.length > 0 ? mergeLists([records])[0] : undefined;
  }

  /**
   * Papers matching the query: this window's and the persisted index's (only this window's
   * before it is open). Answers [] once `signal` is aborted: typing on cancels a query.
   */
  search(query: string, limit = 50, options: SearchOptions & { signal?: AbortSignal } = {}): Promise<SearchHit[]> {
    return this.queued(options.signal, () => this.searchNow(query, limit, options));
  }

  /**
   * The papers of the library most like `paper` (never itself: same id or same arXiv id
   * excluded), best first, by TF-IDF cosine over the search index (similar.ts). Opens the
   * persisted index first. Answers [] once `signal` is aborted.
   */
  async similar(paper: Paper, limit = 5, options: { signal?: AbortSignal } = {}): Promise<SimilarHit[]> {
    await this.ensureLoaded();
    const counts = paperCounts(paper);
    return this.queued(options.signal, () =>
      this.similarNow(() => Promise.resolve(counts), limit, {
        excludeId: paper.id,
        exclude: notItself(paper),
        signal: options.signal,
      }),
    );
  }

  /**
   * The papers most like a text (a document's text plus its bibliography's titles and
   * abstracts; of a long one its head and tail), best first; `exclude` drops papers (those
   * the document cites already, say). Answers [] once `signal` is aborted.
   */
  async similarToText(
    text: string,
    limit = 5,
    options: { exclude?: (paper: Paper) => boolean; signal?: AbortSignal } = {},
  ): Promise<SimilarHit[]> {
    await this.ensureLoaded();
    return this.queued(options.signal, () =>
      this.similarNow((slicer) => runSliced(textCounts(text), slicer), limit, options),
    );
  }

  /**
   * One query at a time: the parts' scratch arrays serve every query, and a query gives the
   * loop turns on the way. A query aborted while waiting ends at once.
   */
  private queued<T>(signal: AbortSignal | undefined, query: () => Promise<T[]>): Promise<T[]> {
    const run = this.searching.then(() => (signal?.aborted ? [] : query()));
    this.searching = run.catch(() => undefined);
    return run;
  }

  private async similarNow(
    counts: (slicer: TimeSlicer) => Promise<TermCounts>,
    limit: number,
    options: SimilarOptions,
  ): Promise<SimilarHit[]> {
    const slicer = new TimeSlicer(this.options.slicing);
    const query = await counts(slicer);
    // Notes are the user's words about papers, not papers: they are not compared.
    const parts: SearchPart[] = [this.live, ...[...this.segments].reverse().map((n) => this.guarded(n))];
    try {
      return await similarParts(parts, query, limit, { ...options, slicer });
    } catch (err) {
      if (!(err instanceof SegmentError)) throw err;
      // A damaged posting list or record: that segment is dropped; the others answer.
      return options.signal?.aborted ? [] : this.similarNow(() => Promise.resolve(query), limit, options);
    }
  }

  private async searchNow(
    query: string,
    limit: number,
    options: SearchOptions & { signal?: AbortSignal },
  ): Promise<SearchHit[]> {
    const named = [...this.segments].reverse();
    const parts: SearchPart[] = [this.live, ...named.map((n) => this.guarded(n)), this.notes];
    try {
      const found = await searchParts(parts, query, limit, {
        ...options,
        slicer: new TimeSlicer(this.options.slicing),
      });
      // A paper found by its notes is listed as the library knows it, when it does.
      const hits = await Promise.all(
        found.map(async (hit) =>
          this.notes.get(hit.paper.id) === hit.paper
            ? { ...hit, paper: (await this.listed(hit.paper.id)) ?? hit.paper }
            : hit,
        ),
      );
      // Someone is searching: more keystrokes follow, each listing a few dozen summaries.
      this.loadSummaries().catch((err) =>
        this.log.warn(`search index: reading summaries failed: ${errorMessage(err)}`),
      );
      return hits;
    } catch (err) {
      if (!(err instanceof SegmentError)) throw err;
      // A damaged posting list or record: that segment is dropped; the others answer.
      return options.signal?.aborted ? [] : this.searchNow(query, limit, options);
    }
  }

  /** Distinct papers searchable now (decodes every persisted id: for tests and logs). */
  paperCount(): number {
    const ids = new Set<string>();
    for (const p of this.live.papers()) ids.add(p.id);
    for (const id of this.pending.keys()) ids.add(id);
    for (const { segment } of this.segments) {
      for (let slot = 0; slot < segment.slotCount; slot++) if (segment.dead[slot] === 0) ids.add(segment.id(slot));
    }
    return ids.size;
  }

  /** Stops building (a worker is ended) and syncing, and closes the segment files. */
  dispose(): void {
    this.stop.abort();
    if (this.timer) clearTimeout(this.timer);
    for (const { segment } of this.segments) void segment.close().catch(() => undefined);
    this.segments = [];
  }

  /** Reads the segments' summary records into memory, one segment after the other, in the background. */
  private async loadSummaries(): Promise<void> {
    for (const named of [...this.segments]) {
      if (this.stop.signal.aborted) return;
      await this.guard(named, () => named.segment.loadRecords());
    }
  }

  /** The segment as a search part whose reads drop it (and remove its file) when damaged. */
  private guarded(named: NamedSegment): SearchPart {
    const { segment } = named;
    return {
      terms: segment.terms,
      slotCount: segment.slotCount,
      recency: segment.recency,
      norms: segment.norms,
      dead: segment.dead,
      copies: segment.copies,
      scratch: () => segment.scratch(),
      id: (slot) => segment.id(slot),
      loadPostings: async (terms) => {
        if (!(await this.guard(named, () => segment.loadPostings(terms)))) throw new SegmentError('segment dropped');
      },
      summaries: async (slots) => {
        const papers = await this.readSummaries(named, slots);
        if (!papers) throw new SegmentError('segment dropped');
        return papers;
      },
    };
  }

  /** Summaries from a segment; undefined when it turned out damaged (it is dropped and its days indexed again). */
  private async readSummaries(named: NamedSegment, slots: readonly number[]): Promise<Paper[] | undefined> {
    return (await this.guard(named, () => named.segment.summaries(slots)))?.value;
  }

  /** Reads from a segment; undefined when it turned out damaged (it is dropped and its days indexed again). */
  private async guard<T>(named: NamedSegment, read: () => Promise<T>): Promise<{ value: T } | undefined> {
    try {
      return { value: await read() };
    } catch (err) {
      if (!(err instanceof SegmentError) && errorCode(err) !== 'EBADF') throw err;
      if (this.segments.includes(named)) {
        this.log.warn(`search index: ${named.name} is damaged (${errorMessage(err)}); its days will be indexed again`);
        this.segments = this.segments.filter((s) => s !== named);
        void named.segment.close().catch(() => undefined);
        await removeSegment(this.dir, named.name);
        this.scheduleSync();
      }
      return undefined;
    }
  }

  private async open(): Promise<void> {
    const slicer = new TimeSlicer(this.options.slicing);
    const found = await readSegments(this.dir, () => slicer.pace(), this.log);
    const liveIds = this.live.papers().map((p) => p.id);
    for (const { segment } of found) this.supersede(segment, liveIds);
    this.segments = found;
    // The folders of older formats are rebuilt here, in this version's folder.
    await removeOlderVersions(this.dir, SEGMENT_VERSION).then(
      (removed) => {
        if (removed.length > 0) {
          this.log.info(`search index: removed the folders of older formats: ${removed.join(', ')}`);
        }
      },
      (err) => this.log.warn(`search index: cannot remove the folders of older formats: ${errorMessage(err)}`),
    );
    this.log.info(
      `search index: opened ${found.length} segment(s), ${found.reduce((n, s) => n + s.segment.slotCount, 0)} papers`,
    );
    await this.drain();
    this.startSync();
  }

  /** Indexes the papers added meanwhile, in slices; their persisted copies stop being searched. */
  private drain(): Promise<void> {
    if (!this.draining && this.pending.size > 0) {
      this.draining = this.indexPending().finally(() => {
        this.draining = undefined;
      });
    }
    return this.draining ?? Promise.resolve();
  }

  private async indexPending(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = [...this.pending.values()];
      this.pending.clear();
      await this.live.addInBatches(batch, { ...this.options.slicing });
      const ids = batch.map((p) => p.id);
      for (const { segment } of this.segments) this.supersede(segment, ids);
    }
  }

  private scheduleSync(): void {
    if (this.stop.signal.aborted) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.startSync();
    }, this.options.syncDelayMs ?? DEFAULT_SYNC_DELAY_MS);
    this.timer.unref?.();
  }

  private startSync(): void {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    const run = this.sync()
      .catch((err) => {
        if (!this.stop.signal.aborted) this.log.error(`search index: updating it failed: ${errorMessage(err)}`);
      })
      .finally(() => {
        this.syncing = undefined;
        if (this.syncAgain && !this.stop.signal.aborted) {
          this.syncAgain = false;
          this.startSync();
        }
      });
    this.syncing = run;
  }

  /** Checks the segments against the day files; builds what is missing or changed. */
  private async sync(): Promise<void> {
    for (let round = 0; round < MAX_SYNC_ROUNDS && !this.stop.signal.aborted; round++) {
      const stamps = await stampDayFiles(this.store, this.sources);
      const plan = planSync(
        this.segments.map(({ segment }) => ({ meta: segment.meta, papersPerFile: papersPerFile(segment) })),
        stamps,
      );
      this.segments.forEach(({ segment }, s) => markFiles(segment, plan.stale[s]));
      const files = plan.rebuildAll ? stamps : plan.build;
      if (files.length === 0) return;
      const started = Date.now();
      const built = await this.build(
        { root: this.store.root, files: files.map(({ source, day }) => ({ source, day })), created: started },
        this.stop.signal,
      );
      const segment = await openNamed(this.dir, built.name, () => nextTurn(), this.log);
      if (!segment) continue;
      if (this.stop.signal.aborted) {
        await segment.close();
        return;
      }
      this.supersede(
        segment,
        this.live.papers().map((p) => p.id),
      );
      if (plan.rebuildAll) {
        const older = this.segments.filter((s) => s.segment.meta.created < segment.meta.created);
        this.segments = this.segments.filter((s) => !older.includes(s));
        for (const { name, segment: old } of older) {
          await old.close().catch(() => undefined);
          await removeSegment(this.dir, name);
        }
      }
      this.segments.push({ name: built.name, segment });
      this.log.info(
        `search index: ${plan.rebuildAll ? 'rebuilt' : 'indexed'} ${built.papers} papers of ${files.length} day file(s) in ${Date.now() - started} ms`,
      );
    }
  }

  /** Persisted copies of papers this window holds whole are not searched. */
  private supersede(segment: Segment, ids: Iterable<string>): void {
    for (const id of ids) for (const slot of segment.slotsOf(id)) segment.dead[slot] = 1;
  }
}

function papersPerFile(segment: Segment): number[] {
  const counts = new Array<number>(segment.meta.files.length).fill(0);
  for (let slot = 0; slot < segment.slotCount; slot++) counts[segment.slotFile[slot]]++;
  return counts;
}

/** Stops searching the papers read from these files of the segment (one pass over its slots). */
function markFiles(segment: Segment, files: readonly number[]): void {
  if (files.length === 0) return;
  const stale = new Uint8Array(segment.meta.files.length);
  for (const file of files) stale[file] = 1;
  for (let slot = 0; slot < segment.slotCount; slot++) if (stale[segment.slotFile[slot]] === 1) segment.dead[slot] = 1;
}
