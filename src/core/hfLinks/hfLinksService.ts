/**
 * Hugging Face's links for an opened paper: the cached answer at once, then a new one when
 * the cached one is stale or missing. A failure of any kind (offline, 429, 5xx, a cut or
 * malformed body) is one log line; the reader keeps what was cached, or sees nothing.
 */
import { errorMessage } from '../guards';
import { silentLogger, type Logger } from '../log';
import type { HfLinks } from './hfLinks';
import type { HfLinksCache } from './hfLinksCache';

export interface HfLinksServiceOptions {
  cache: HfLinksCache;
  fetch(baseUrl: string, arxivId: string): Promise<HfLinks>;
  log?: Logger;
}

export interface HfLinksLoad {
  /** What the cache holds, fresh or stale; undefined when it holds nothing. */
  cached: Promise<HfLinks | undefined>;
  /** The newest answer there is once the network was asked (or not, when the cache was fresh). */
  latest: Promise<HfLinks | undefined>;
}

export class HfLinksService {
  private readonly log: Logger;
  /** One request per paper at a time, however often it is opened meanwhile. */
  private readonly inFlight = new Map<string, Promise<HfLinks | undefined>>();

  constructor(private readonly options: HfLinksServiceOptions) {
    this.log = options.log ?? silentLogger;
  }

  load(baseUrl: string, arxivId: string): HfLinksLoad {
    const stored = this.options.cache.get(baseUrl, arxivId);
    const cached = stored.then((c) => c?.links);
    const latest = stored.then((c) => (c?.fresh ? c.links : this.refresh(baseUrl, arxivId, c?.links)));
    return { cached, latest };
  }

  private refresh(baseUrl: string, arxivId: string, fallback: HfLinks | undefined): Promise<HfLinks | undefined> {
    const key = `${baseUrl} ${arxivId}`;
    const running = this.inFlight.get(key);
    if (running) return running.then((links) => links ?? fallback);
    const request = this.options
      .fetch(baseUrl, arxivId)
      .then(async (links) => {
        await this.options.cache.set(baseUrl, links);
        return links;
      })
      .catch((err: unknown) => {
        this.log.info(`Hugging Face links for ${arxivId}: ${errorMessage(err)}; showing what was cached`);
        return fallback;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }
}
