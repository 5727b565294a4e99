/**
 * The index's per-slot arrays (one slot per paper), grown by doubling: typed arrays keep 100k
 * papers' scores compact, and reusing them between keystrokes keeps typing from allocating.
 */

/** Per-slot scratch arrays for a query, kept between queries so typing allocates little. */
export class QueryScratch {
  readonly wordBest: Float64Array;
  readonly wordPos: Uint8Array;
  /** 1 + the index of the last query word found in the title, 0 for none. */
  readonly lastWord: Int32Array;
  readonly lastPos: Uint8Array;
  readonly total: Float64Array;
  /** Papers any query word reached, and those the current word reached (counts kept apart). */
  readonly touched: Int32Array;
  readonly touchedByWord: Int32Array;

  constructor(readonly size: number) {
    this.wordBest = new Float64Array(size);
    this.wordPos = new Uint8Array(size);
    this.lastWord = new Int32Array(size);
    this.lastPos = new Uint8Array(size);
    this.total = new Float64Array(size);
    this.touched = new Int32Array(size);
    this.touchedByWord = new Int32Array(size);
  }
}

export function growFloat64(array: Float64Array, atLeast: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}

export function growFloat32(array: Float32Array, atLeast: number): Float32Array<ArrayBuffer> {
  const bigger = new Float32Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}
