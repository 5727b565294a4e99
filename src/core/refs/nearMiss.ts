/**
 * Near misses for a citation key no bibliography defines: the keys a typo most likely meant,
 * offered by "Replace with an existing key…". The distance is search's (`editDistanceWithin`),
 * which stops as soon as a whole row of its table is over the bound.
 */
import { editDistanceWithin } from '../search/textMatch';

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
    const distance = editDistanceWithin(key, candidate, bound);
    if (distance <= bound) scored.push({ key: candidate, distance, order: order++ });
  }
  scored.sort((a, b) => a.distance - b.distance || a.order - b.order);
  return [...caseOnly, ...scored.map((s) => s.key)].slice(0, limit);
}
