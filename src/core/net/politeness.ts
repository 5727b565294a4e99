/**
 * Some services ask for a pause between requests (arXiv: 3 seconds). A `Politeness` gate,
 * shared by every caller that talks to such a host, lets requests to one host through one
 * at a time, each starting at least `intervalMs` after the previous one ended; different
 * hosts do not wait for each other.
 */
import { delay } from './http';

export interface PolitenessOptions {
  /** Least time between the starts of two requests to one host. */
  intervalMs?: number;
  /** Injectable clock and sleep, so tests need not wait. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const ARXIV_INTERVAL_MS = 3000;

export class Politeness {
  readonly intervalMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** When each host may next be asked. */
  private readonly freeAt = new Map<string, number>();
  /** The tail of each host's queue of waiting requests. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(options: PolitenessOptions = {}) {
    this.intervalMs = Math.max(0, options.intervalMs ?? ARXIV_INTERVAL_MS);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? delay;
  }

  /**
   * Runs `task` (one request, retries included) when `url`'s host is free: after every
   * task queued before it for that host, and `intervalMs` after the previous one ended.
   * Tasks for one host run one at a time, in call order. An aborted wait rejects without
   * running the task and without delaying the tasks behind it.
   */
  async run<T>(url: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const host = new URL(url).host.toLowerCase();
    const before = this.queues.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    this.queues.set(host, tail);
    try {
      await before;
      if (signal?.aborted) throw new Error('aborted');
      const free = this.freeAt.get(host);
      const wait = free === undefined ? 0 : free - this.now();
      if (wait > 0) await this.sleep(wait, signal);
      try {
        return await task();
      } finally {
        this.freeAt.set(host, this.now() + this.intervalMs);
      }
    } finally {
      release();
      // Forget an idle host's queue, so a long-lived gate keeps nothing per host it is done with.
      if (this.queues.get(host) === tail) this.queues.delete(host);
    }
  }

  /** Waits for a turn at `url`'s host for a request that is over as soon as it starts. */
  async wait(url: string, signal?: AbortSignal): Promise<void> {
    await this.run(url, async () => undefined, signal);
  }
}
