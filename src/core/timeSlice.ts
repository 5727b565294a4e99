/**
 * Long jobs (reading the whole cache, indexing it) share the extension host's one thread
 * with every other extension in the window: they run in slices of a few milliseconds and
 * give the event loop back in between. Slices are measured by the clock, not by counting
 * items, because items differ a hundredfold in cost (a one-line title against a paper with
 * forty authors and keywords, or a day file of 5 papers against one of 2,000).
 */

export interface SliceOptions {
  /** Work done before giving the loop back: well under the 50 ms a block may last, for GC pauses. */
  sliceMs?: number;
  /** Milliseconds from any origin (tests pass a fake clock). */
  now?: () => number;
  /** Lets the event loop run once (tests count the calls). */
  yieldToLoop?: () => Promise<void>;
}

export const DEFAULT_SLICE_MS = 15;

/** `setImmediate` runs after pending I/O and before the next timers: one turn of the loop. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class TimeSlicer {
  private readonly sliceMs: number;
  private readonly now: () => number;
  private readonly yieldToLoop: () => Promise<void>;
  private started: number;
  /** The turn being waited for: concurrent waiters share it, so the next slice starts once. */
  private turn: Promise<void> | undefined;

  constructor(options: SliceOptions = {}) {
    this.sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    // An empty budget would have `pace` give turns forever without doing any work.
    if (!(this.sliceMs > 0)) throw new RangeError(`sliceMs must be more than 0: ${this.sliceMs}`);
    this.now = options.now ?? (() => performance.now());
    this.yieldToLoop = options.yieldToLoop ?? nextTurn;
    this.started = this.now();
  }

  /** Whether the running slice has used its budget (cheap enough to ask once per item). */
  due(): boolean {
    return this.now() - this.started >= this.sliceMs;
  }

  /** Gives the loop a turn; the next slice starts when it comes back. */
  yield(): Promise<void> {
    this.turn ??= this.yieldToLoop().then(() => {
      this.turn = undefined;
      this.started = this.now();
    });
    return this.turn;
  }

  /**
   * Gives the loop a turn if the slice is used up. Several tasks sharing a slicer (reads
   * finishing together) wake up in the same fresh slice, so each looks at the clock again.
   */
  async pace(): Promise<void> {
    while (this.due()) await this.yield();
  }
}
