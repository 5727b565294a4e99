/**
 * The arXiv view's data: each configured category's newest listing fetched (one request at a
 * time through the shared politeness gate), merged into the cached days of the `arxiv` source,
 * and read back as one list. The Hugging Face feed's counterpart is `feedService.ts`.
 */
import type { HttpOptions } from '../net/http';
import type { Logger } from '../log';
import { mergeLists } from './merge';
import type { Paper } from '../paper';
import type { Politeness } from '../net/politeness';
import { checkArxivCategory, fetchArxivCategory, type ArxivFetchResult } from '../sources/arxiv';
import type { FeedStore, StoreProblem } from './store';
import { errorMessage } from '../guards';

export interface ArxivFeedDeps {
  store: FeedStore;
  /** Shared by every arXiv request, so calls stay 3 s apart. */
  gate: Politeness;
  log: Logger;
  fetchCategory?: typeof fetchArxivCategory;
}

export interface ArxivRefreshRequest {
  baseUrl: string;
  categories: readonly string[];
  maxResults: number;
  http?: HttpOptions;
}

export interface ArxivRefreshOutcome {
  papers: number;
  /** One message per category that failed; the others were still cached. */
  errors: string[];
  skipped: number;
}

/**
 * The arXiv category listings: each configured category fetched (politely, one after the
 * other), the papers cached per submission day under the `arxiv` source. A day's file is the
 * union of what was cached and what came, since one listing is only the newest N papers.
 */
export class ArxivFeed {
  private running: Promise<ArxivRefreshOutcome> | undefined;

  constructor(private readonly deps: ArxivFeedDeps) {}

  refresh(request: ArxivRefreshRequest): Promise<ArxivRefreshOutcome> {
    this.running ??= this.doRefresh(request).finally(() => (this.running = undefined));
    return this.running;
  }

  /** Cached arXiv papers of the newest `days` cached days, newest first. */
  async snapshot(days = 7): Promise<{ papers: Paper[]; fetchedAt?: string; problems: StoreProblem[] }> {
    const list = (await this.deps.store.listDays('arxiv')).slice(0, days);
    const { days: cached, problems } = await this.deps.store.readDays('arxiv', list);
    const papers = mergeLists(cached.map((d) => d.papers));
    const fetchedAt = cached
      .map((d) => d.fetchedAt)
      .sort()
      .at(-1);
    return { papers, problems, ...(fetchedAt ? { fetchedAt } : {}) };
  }

  private async doRefresh(request: ArxivRefreshRequest): Promise<ArxivRefreshOutcome> {
    const fetchCategory = this.deps.fetchCategory ?? fetchArxivCategory;
    const errors: string[] = [];
    const results: ArxivFetchResult[] = [];
    for (const raw of request.categories) {
      const check = checkArxivCategory(raw);
      if (!check.ok) {
        errors.push(check.reason);
        continue;
      }
      if (request.http?.signal?.aborted) break;
      try {
        results.push(
          await fetchCategory({
            baseUrl: request.baseUrl,
            category: check.category,
            maxResults: request.maxResults,
            gate: this.deps.gate,
            ...(request.http ? { http: request.http } : {}),
          }),
        );
      } catch (err) {
        const message = `arXiv ${check.category}: ${errorMessage(err)}`;
        errors.push(message);
        this.deps.log.warn(message);
      }
    }
    const fetched = mergeLists(results.map((r) => r.papers));
    const byDay = new Map<string, Paper[]>();
    for (const paper of fetched) {
      const day = paper.feedDay ?? paper.published?.slice(0, 10);
      if (!day) continue;
      let list = byDay.get(day);
      if (!list) byDay.set(day, (list = []));
      list.push(paper);
    }
    const fetchedAt = new Date().toISOString();
    for (const [day, papers] of byDay) {
      const { day: old } = await this.deps.store.readDay('arxiv', day);
      await this.deps.store.writeDay({
        source: 'arxiv',
        day,
        fetchedAt,
        papers: mergeLists([papers, old?.papers ?? []]),
      });
    }
    const skipped = results.reduce((n, r) => n + r.skipped, 0);
    this.deps.log.info(`arXiv: ${fetched.length} papers from ${results.length} categories over ${byDay.size} days`);
    return { papers: fetched.length, errors, skipped };
  }
}
