/**
 * Every citation key a document cites, with its exact place, for the live bibliography (hover,
 * go to entry, missing-key diagnostics, references). One scanner per citation syntax, each a
 * single forward pass over the text: no regex runs over the document, and every look-ahead is
 * bounded by a line, a paragraph or a fixed length, so a document costs time in proportion to
 * its length whatever it holds. The scanners live in `scan/`; the rules each follows are in
 * their headers.
 */
import type { CitationSyntax } from '../cite/citeText';
import { scanLatex } from './scan/latex';
import { scanPandoc } from './scan/pandoc';
import { scanRst } from './scan/rst';
import { scanTypst } from './scan/typst';

export interface CitedKey {
  /** The key as the bibliography must define it (pandoc `@{a b}` gives `a b`; no braces or `@`). */
  key: string;
  /** UTF-16 offset of the key's first character (inside the braces for `@{…}`). */
  start: number;
  /** Offset just after the key. */
  end: number;
}

/** Every citation key in `text`, in order of appearance. */
export function scanCitations(text: string, syntax: CitationSyntax): CitedKey[] {
  switch (syntax) {
    case 'latex':
      return scanLatex(text);
    case 'pandoc':
      return scanPandoc(text);
    case 'typst':
      return scanTypst(text);
    case 'rst':
      return scanRst(text);
  }
}

/**
 * The key whose `[start, end]` range holds `offset` (end included, so the cursor right after a
 * key still finds it); `keys` sorted by `start` as `scanCitations` gives them.
 */
export function keyAt(keys: readonly CitedKey[], offset: number): CitedKey | undefined {
  let lo = 0;
  let hi = keys.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return undefined;
  const key = keys[found];
  return offset <= key.end ? key : undefined;
}
