/** Start offset of every line of `text` (after `\n`; a CRLF's `\r` ends the line before it). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based line of `offset`, by binary search over `lineStarts`. */
export function lineIndex(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line number of `offset`, as editors and error messages count. */
export function lineNumber(starts: readonly number[], offset: number): number {
  return lineIndex(starts, offset) + 1;
}
