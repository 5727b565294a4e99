/**
 * Text helpers shared by search and the watch list: folding case and accents so that
 * `Muller` finds `Müller`, splitting text into words, and a bounded edit distance for typos.
 */

/** Letters that carry no combining mark in Unicode, so NFD alone would not fold them. */
const SPECIAL_FOLDS: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ŀ: 'l',
  ŧ: 't',
};

const ASCII = /^[\x00-\x7f]*$/;
const foldCache = new Map<string, string>();

/** One UTF-16 unit folded to exactly one unit: lower case, accent dropped. */
function foldUnit(unit: string): string {
  let folded = foldCache.get(unit);
  if (folded !== undefined) return folded;
  const lower = unit.toLowerCase();
  // A unit whose lower case is longer (`İ` -> `i̇`) would shift every offset after it.
  const single = lower.length === 1 ? lower : unit;
  const base = single.normalize('NFD').charAt(0);
  folded = SPECIAL_FOLDS[base] ?? (base.length === 1 && !/\p{M}/u.test(base) ? base : single);
  if (foldCache.size < 4096) foldCache.set(unit, folded);
  return folded;
}

/**
 * Lower-cases and drops accents from the NFC form of `text`, one UTF-16 unit for one, so
 * offsets into the result are offsets into `text.normalize('NFC')` (and into `text` itself
 * when it is already NFC, as source text nearly always is).
 */
export function foldText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  const nfc = text.normalize('NFC');
  let out = '';
  for (let i = 0; i < nfc.length; i++) {
    const unit = nfc[i];
    out += unit < '\x80' ? unit.toLowerCase() : foldUnit(unit);
  }
  return out;
}

/** A word: letters (with their marks) and digits, as `[start, end)` offsets. */
export interface WordSpan {
  word: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const m of text.matchAll(WORD)) spans.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return spans;
}

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * Parts of a camel-case word long enough to be words themselves (`FlashAttention` ->
 * `Flash`, `Attention`), so a query for either part finds the whole. Acronym-like words
 * (`LLaMA`, `MoE`) give no parts: their pieces would be noise.
 */
export function camelParts(word: string): string[] {
  const parts = word.split(/(?<=\p{Ll})(?=\p{Lu})/u);
  return parts.length > 1 && parts.every((p) => p.length >= 3) ? parts : [];
}

// Three rows of the distance table, reused by every call: lookups run per keystroke.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal-string-alignment distance between `a` and `b` (Levenshtein plus swaps of
 * adjacent letters, the commonest typo), or `max + 1` as soon as it must exceed `max`.
 * With `prefix`, the distance between `a` and the closest prefix of `b` instead, which is
 * how far a word being typed is from becoming `b`.
 */
export function editDistanceWithin(a: string, b: string, max: number, prefix = false): number {
  if (!prefix && Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  // With a prefix, no alignment reaches further into `b` than `a.length + max`.
  const n = prefix ? Math.min(b.length, a.length + max) : b.length;
  if (rows[0].length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [before, prev, cur] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        d = Math.min(d, before[j - 2] + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  let best = prev[n];
  if (prefix) for (let j = 0; j < n; j++) best = Math.min(best, prev[j]);
  return best <= max ? best : max + 1;
}
