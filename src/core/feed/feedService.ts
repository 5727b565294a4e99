/**
 * The Hugging Face feed for a range of days: what the cache holds (or the bundled sample when
 * it holds nothing), and a refresh that fetches the range, writes each day, prunes old days and
 * keeps what was cached when the network fails. The network half is injected (`fetchRange`),
 * so this file needs no HTTP and stays in the start-up bundle.
 */
import { newestFirst } from '../dates';
import type { Logger } from '../log';
import type { Paper, SourceId } from '../paper';
import { pastRangeDays, rangeKey, type FeedRange } from '../range';
import type { CachedDay, FeedStore, StoreProblem } from './store';
import { errorMessage } from '../guards';

/** Where the papers on screen came from. */
export type FeedOrigin = 'cache' | 'sample' | 'empty';

export interface FeedSnapshot {
  range: FeedRange;
  /** Papers of the range (or the whole sample), each once, newest feed day first. */
  papers: Paper[];
  origin: FeedOrigin;
  /** Oldest fetch time among the range's cached days: how stale the view may be. */
  fetchedAt?: string;
  /** Days of the range, up to today, that were never fetched. */
  missingDays: string[];
  problems: StoreProblem[];
}

export type RefreshOutcome =
  | { ok: true; papers: number; skipped: number; days: number; truncated: boolean }
  | { ok: false; error: string; cancelled: boolean };

export interface FetchedRange {
  papers: Paper[];
  skipped: number;
  truncated: boolean;
}

export interface FeedServiceDeps {
  store: FeedStore;
  source: SourceId;
  fetchRange(range: FeedRange, signal?: AbortSignal): Promise<FetchedRange>;
  loadSample(): Promise<Paper[]>;
  today(): string;
  log: Logger;
  /** Days of cache to keep; pruned after each successful refresh. */
  retentionDays(): number;
}

/**
 * Joins the network, the cache and the bundled sample into what the views show. It never
 * throws for a failed refresh: the outcome says what failed and the cache stays as it was.
 */
export class FeedService {
  private readonly inFlight = new Map<string, Promise<RefreshOutcome>>();
  private sample: Promise<Paper[]> | undefined;

  constructor(private readonly deps: FeedServiceDeps) {}

  async snapshot(range: FeedRange): Promise<FeedSnapshot> {
    const days = pastRangeDays(range, this.deps.today());
    const { days: cached, problems } = await this.deps.store.readDays(this.deps.source, days);
    for (const p of problems) {
      this.deps.log.warn(`cache: ${p.file}: ${p.reason}${p.movedTo ? ` (moved to ${p.movedTo})` : ''}`);
    }
    const found = new Set(cached.map((d) => d.day));
    const missingDays = days.filter((d) => !found.has(d));
    if (cached.length > 0) {
      return {
        range,
        papers: papersOf(cached),
        origin: 'cache',
        fetchedAt: cached.map((d) => d.fetchedAt).sort()[0],
        missingDays,
        problems,
      };
    }
    const anyCache = (await this.deps.store.listDays(this.deps.source)).length > 0;
    if (anyCache) return { range, papers: [], origin: 'empty', missingDays, problems };
    return { range, papers: await this.loadSample(), origin: 'sample', missingDays, problems };
  }

  /** Fetches the range and caches it day by day. Concurrent calls for one range share a fetch. */
  refresh(range: FeedRange, signal?: AbortSignal): Promise<RefreshOutcome> {
    const key = rangeKey(range);
    const running = this.inFlight.get(key);
    // A caller joining a running refresh can still give up waiting; the fetch goes on for the rest.
    if (running) return signal ? untilAborted(running, signal) : running;
    const job = this.doRefresh(range, signal).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, job);
    return job;
  }

  /** True while a refresh of `range` is running. */
  isRefreshing(range: FeedRange): boolean {
    return this.inFlight.has(rangeKey(range));
  }

  private async doRefresh(range: FeedRange, signal?: AbortSignal): Promise<RefreshOutcome> {
    const today = this.deps.today();
    const days = pastRangeDays(range, today);
    let fetched: FetchedRange;
    try {
      fetched = await this.deps.fetchRange(range, signal);
    } catch (err) {
      const cancelled = signal?.aborted === true;
      const error = errorMessage(err);
      this.deps.log.warn(`refresh ${rangeKey(range)} ${cancelled ? 'cancelled' : `failed: ${error}`}`);
      return { ok: false, error, cancelled };
    }
    const byDay = new Map<string, Paper[]>(days.map((d) => [d, []]));
    let outside = 0;
    for (const paper of fetched.papers) {
      const day = paper.feedDay ?? (range.kind === 'day' ? range.anchor : undefined);
      const list = day ? byDay.get(day) : undefined;
      if (list) list.push(day === paper.feedDay ? paper : { ...paper, feedDay: day });
      else outside++;
    }
    if (outside > 0) {
      this.deps.log.info(`refresh ${rangeKey(range)}: ${outside} papers listed outside the range were left out`);
    }
    const fetchedAt = new Date().toISOString();
    try {
      for (const [day, papers] of byDay) {
        // An empty answer for a day cached with papers is a server or proxy glitch far more
        // often than a day losing every paper: keep the papers rather than wipe them.
        if (papers.length === 0) {
          const { day: old } = await this.deps.store.readDay(this.deps.source, day);
          if (old && old.papers.length > 0) {
            this.deps.log.warn(
              `refresh ${rangeKey(range)}: the server listed no papers for ${day}; ` +
                `kept the ${old.papers.length} cached ones`,
            );
            continue;
          }
        }
        await this.deps.store.writeDay({ source: this.deps.source, day, fetchedAt, papers });
      }
    } catch (err) {
      const error = `could not write the cache: ${errorMessage(err)}`;
      this.deps.log.error(error);
      return { ok: false, error, cancelled: false };
    }
    try {
      const { removed } = await this.deps.store.prune(this.deps.retentionDays(), today);
      if (removed > 0) {
        this.deps.log.info(`cache: pruned ${removed} day files older than ${this.deps.retentionDays()} days`);
      }
    } catch (err) {
      this.deps.log.warn(`cache prune failed: ${errorMessage(err)}`);
    }
    const count = fetched.papers.length - outside;
    this.deps.log.info(
      `refresh ${rangeKey(range)}: ${count} papers over ${byDay.size} days, ${fetched.skipped} malformed items skipped`,
    );
    return { ok: true, papers: count, skipped: fetched.skipped, days: byDay.size, truncated: fetched.truncated };
  }

  private loadSample(): Promise<Paper[]> {
    this.sample ??= this.deps.loadSample().catch((err) => {
      this.sample = undefined;
      this.deps.log.error(`sample feed unreadable: ${errorMessage(err)}`);
      return [];
    });
    return this.sample;
  }
}

function papersOf(days: CachedDay[]): Paper[] {
  const seen = new Set<string>();
  const papers: Paper[] = [];
  for (const day of [...days].sort((a, b) => newestFirst(a.day, b.day))) {
    for (const paper of day.papers) {
      if (seen.has(paper.id)) continue;
      seen.add(paper.id);
      papers.push(paper.feedDay ? paper : { ...paper, feedDay: day.day });
    }
  }
  return papers;
}

/** `job`'s outcome, or a cancelled outcome as soon as `signal` aborts. */
function untilAborted(job: Promise<RefreshOutcome>, signal: AbortSignal): Promise<RefreshOutcome> {
  const cancelled: RefreshOutcome = { ok: false, error: 'cancelled', cancelled: true };
  if (signal.aborted) return Promise.resolve(cancelled);
  return new Promise((resolve) => {
    const onAbort = () => resolve(cancelled);
    signal.addEventListener('abort', onAbort, { once: true });
    job.then(resolve, () => resolve(cancelled)).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
