/**
 * The block structure of pandoc Markdown that hides citations: the YAML front matter, fenced
 * code (any indentation, so fences in list items and `>` quotes count), indented code blocks
 * and link reference definitions. Indented code is told from the indented paragraphs of list
 * items, footnotes and definitions by remembering where the last item's text starts: there, code
 * needs four columns more.
 */
import { BACKTICK, COLON, GT, LBRACKET, SPACE, TAB, TILDE, blankLineAt, lineEnd } from './chars';

/** How a fence's info string may start: a language name, `{attributes}`, `.class`, `=format`. */
const INFO_START = /^[\p{L}\p{N}_{.=+#-]$/u;

/** A YAML block opening the document (`---` … `---` or `...`); the offset after it, or 0. */
export function frontMatterEnd(text: string): number {
  const n = text.length;
  const begin = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', begin) || !blankLineAt(text, begin + 3)) return 0;
  let p = lineEnd(text, begin) + 1;
  if (p >= n || blankLineAt(text, p)) return 0;
  while (p < n) {
    if ((text.startsWith('---', p) || text.startsWith('...', p)) && blankLineAt(text, p + 3)) {
      return Math.min(n, lineEnd(text, p) + 1);
    }
    p = lineEnd(text, p) + 1;
  }
  return 0;
}

export class PandocBlocks {
  private readonly n: number;
  private afterBlank = true;
  /** Column where the text of the last list item, footnote or definition starts; -1 outside one. */
  private itemColumn = -1;
  /** Inside an indented code block: lines indented at least this far belong to it; -1 outside. */
  private codeColumn = -1;
  private unclosedTicks = Infinity;
  private unclosedTildes = Infinity;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  /** At the line starting at `i`: the start of the next line to scan (`i` itself when this one is text). */
  skip(i: number): number {
    const text = this.text;
    const next = Math.min(this.n, lineEnd(text, i) + 1);
    if (blankLineAt(text, i)) {
      this.afterBlank = true;
      return next;
    }
    let p = i;
    let column = 0;
    for (; p < this.n; p++) {
      const c = text.charCodeAt(p);
      if (c === SPACE) column++;
      else if (c === TAB) column = column - (column % 4) + 4;
      else break;
    }
    const afterBlank = this.afterBlank;
    this.afterBlank = false;
    if (this.codeColumn >= 0) {
      if (column >= this.codeColumn) return next;
      this.codeColumn = -1;
    }
    const codeAt = this.itemColumn >= 0 ? this.itemColumn + 4 : 4;
    if (afterBlank && column >= codeAt) {
      this.codeColumn = codeAt;
      return next;
    }
    this.trackItems(p, column, afterBlank);
    const q = this.quoteIndentEnd(p);
    const c = text.charCodeAt(q);
    if (c === BACKTICK || c === TILDE) return this.fencedBlock(q, c, i);
    if (c === LBRACKET && text.charCodeAt(q + 1) !== 0x5e && text.charCodeAt(q + 1) !== 0x40) {
      // `[label]: url` defines a link; its URL may hold `/@user`. (`[^1]:` is a footnote, `[@a]:` text.)
      const close = text.indexOf(']', q + 1);
      if (close > q + 1 && close < next - 1 && text.charCodeAt(close + 1) === COLON) return next;
    }
    return i;
  }

  /** Notes where a list item's, footnote's or definition's text starts; leaves lists at an unindented paragraph. */
  private trackItems(p: number, column: number, afterBlank: boolean): void {
    const text = this.text;
    const c = text.charCodeAt(p);
    let marker = p;
    if (c === 0x2d || c === 0x2a || c === 0x2b || c === COLON || c === TILDE) {
      marker = p + 1;
    } else if (c >= 0x30 && c <= 0x39) {
      let q = p;
      while (q < this.n && q - p < 9 && text.charCodeAt(q) >= 0x30 && text.charCodeAt(q) <= 0x39) q++;
      if (text.charCodeAt(q) === 0x2e || text.charCodeAt(q) === 0x29) marker = q + 1;
    } else if (c === 0x23 && text.charCodeAt(p + 1) === 0x2e) {
      marker = p + 2;
    } else if (c === LBRACKET && text.charCodeAt(p + 1) === 0x5e) {
      const close = text.indexOf(']:', p);
      if (close > 0 && close < lineEnd(text, p)) {
        this.itemColumn = column + 4;
        return;
      }
    }
    const after = text.charCodeAt(marker);
    if (marker > p && (after === SPACE || after === TAB)) {
      let q = marker;
      while (q < this.n && text.charCodeAt(q) === SPACE && q - marker < 4) q++;
      this.itemColumn = column + (q - p);
    } else if (afterBlank && column === 0) {
      this.itemColumn = -1;
    }
  }

  /** The end of a line's indentation and `>` quote markers from `p`. */
  private quoteIndentEnd(p: number): number {
    let q = p;
    while (q < this.n) {
      const c = this.text.charCodeAt(q);
      if (c !== SPACE && c !== TAB && c !== GT) break;
      q++;
    }
    return q;
  }

  /**
   * A fence needs a closing line of the same character, at least as long; pandoc reads an
   * unclosed one, or one whose info string is not a word or `{attributes}`, as text. A length
   * that found no closer is remembered: a longer fence of that character cannot find one either.
   */
  private fencedBlock(p: number, fence: number, lineStartAt: number): number {
    const text = this.text;
    let q = p;
    while (q < this.n && text.charCodeAt(q) === fence) q++;
    const length = q - p;
    if (length < 3 || length >= (fence === BACKTICK ? this.unclosedTicks : this.unclosedTildes)) return lineStartAt;
    const end = lineEnd(text, q);
    let info = q;
    while (info < end && (text.charCodeAt(info) === SPACE || text.charCodeAt(info) === TAB)) info++;
    if (info < end && !INFO_START.test(text[info])) return lineStartAt;
    // A backtick fence's info string has no backtick; with one it is inline code (```a```).
    if (fence === BACKTICK) {
      const tick = text.indexOf('`', q);
      if (tick >= 0 && tick < end) return lineStartAt;
    }
    let line = end + 1;
    while (line < this.n) {
      const r = this.quoteIndentEnd(line);
      let s = r;
      while (s < this.n && text.charCodeAt(s) === fence) s++;
      const next = lineEnd(text, line);
      if (s - r >= length && blankLineAt(text, s)) return Math.min(this.n, next + 1);
      line = next + 1;
    }
    if (fence === BACKTICK) this.unclosedTicks = length;
    else this.unclosedTildes = length;
    return lineStartAt;
  }
}
