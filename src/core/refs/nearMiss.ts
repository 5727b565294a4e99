/**
 * Near misses for a citation key no bibliography defines: the keys a typo most likely meant,
 * offered by "Replace with an existing key…".
 */

/**
 * How far a key may be from `key` to count as a near miss: one edit per four characters,
 * at least one and at most three. So `smith20` (7) allows 1, `vaswani2017` (11) allows 2 and
 * anything from 12 characters on allows 3. Short keys keep a budget of one edit because two
 * edits turn a six-letter key into most other six-letter keys.
 */
export function nearMissBound(key: string): number {
  return Math.max(1, Math.min(3, Math.floor(key.length / 4)));
}

/**
 * Keys of `keys` close to `key`, best first, at most `limit`:
 * 1. keys equal to `key` but for letter case (BibTeX takes those for the same key, biber,
 *    pandoc and Typst do not), in the order given;
 * 2. then keys within `nearMissBound(key)` edits (Damerau-Levenshtein, optimal string
 *    alignment: an insertion, deletion, substitution or swap of two neighbours is one edit),
 *    nearest first, ties in the order given.
 * `key` itself is never returned; duplicates in `keys` are returned once.
 */
export function nearKeys(key: string, keys: Iterable<string>, limit = 5): string[] {
  if (limit <= 0) return [];
  const bound = nearMissBound(key);
  const lower = key.toLowerCase();
  const caseOnly: string[] = [];
  const scored: { key: string; distance: number; order: number }[] = [];
  const seen = new Set<string>([key]);
  let order = 0;
  for (const candidate of keys) {
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    if (Math.abs(candidate.length - key.length) > bound) continue;
    if (candidate.toLowerCase() === lower) {
      caseOnly.push(candidate);
      continue;
    }
    const distance = editDistance(key, candidate, bound);
    if (distance <= bound) scored.push({ key: candidate, distance, order: order++ });
  }
  scored.sort((a, b) => a.distance - b.distance || a.order - b.order);
  return [...caseOnly, ...scored.map((s) => s.key)].slice(0, limit);
}

/**
 * Optimal-string-alignment distance between `a` and `b` (case-sensitive, by UTF-16 unit) when
 * it is at most `max`; otherwise some number greater than `max`. Stops as soon as a whole row
 * of the table exceeds `max`, since later rows can only grow, so a look through thousands of
 * keys costs about `max` rows per clearly different key.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const over = max + 1;
  if (max < 0 || Math.abs(a.length - b.length) > max) return over;
  const n = b.length;
  // Three rows: the one before the previous is needed for swaps.
  let before = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Later rows only grow: a cell below comes from this row, or by a swap from the row above,
    // which costs no less than the diagonal step into this row did.
    if (rowMin > max) return over;
    [before, previous, current] = [previous, current, before];
  }
  return previous[n] <= max ? previous[n] : over;
}
