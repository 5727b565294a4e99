/** Character tests and text positions shared by the per-language citation scanners. */
import type { CitedKey } from '../citationScan';

export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const SPACE = 0x20;
export const GT = 0x3e;
export const QUOTE = 0x22;
export const HASH = 0x23;
export const DOLLAR = 0x24;
export const PERCENT = 0x25;
export const LPAREN = 0x28;
export const RPAREN = 0x29;
export const STAR = 0x2a;
export const COMMA = 0x2c;
export const HYPHEN = 0x2d;
export const DOT = 0x2e;
export const SLASH = 0x2f;
export const COLON = 0x3a;
export const SEMICOLON = 0x3b;
export const LT = 0x3c;
export const AT = 0x40;
export const LBRACKET = 0x5b;
export const BACKSLASH = 0x5c;
export const RBRACKET = 0x5d;
export const BACKTICK = 0x60;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const TILDE = 0x7e;

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** A Unicode letter or digit; ASCII is answered without a regex, since it is nearly all text. */
export function isAlnum(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a);
  return cp >= 0 && LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

/** A letter, digit or `_`: the characters pandoc and Typst keys are made of. */
export function isWord(cp: number): boolean {
  return cp === 0x5f || isAlnum(cp);
}

export function isAsciiLetter(c: number): boolean {
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
}

export function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === LF;
}

/** The code point ending just before `i`, or -1 at the start (surrogate pairs read whole). */
export function codePointBefore(text: string, i: number): number {
  if (i <= 0) return -1;
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const hi = text.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return (hi - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000;
  }
  return c;
}

/** The code point at `i`, or -1 past the end. */
export function codePointAt(text: string, i: number): number {
  return i < text.length ? (text.codePointAt(i) as number) : -1;
}

export function cpLength(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** Offset of the `\n` ending the line that holds `i` (the text's length on the last line). */
export function lineEnd(text: string, i: number): number {
  const n = text.indexOf('\n', i);
  return n < 0 ? text.length : n;
}

/** True when the line starting at `i` holds only spaces, tabs and a `\r`. */
export function blankLineAt(text: string, i: number): boolean {
  let p = i;
  for (; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === LF) return true;
    if (c !== SPACE && c !== TAB && c !== CR) return false;
  }
  return true;
}

/**
 * Where the paragraph holding an offset ends (the start of the next blank line, or the end of
 * the text). Inline spans never cross a blank line, so their closing delimiter is looked for only
 * up to here. Offsets are asked in increasing order, so the last answer is kept and reused.
 */
export class ParagraphEnds {
  private from = -1;
  private end = -1;
  constructor(private readonly text: string) {}

  endOf(i: number): number {
    if (i >= this.from && i < this.end) return this.end;
    const text = this.text;
    let p = lineEnd(text, i);
    while (p < text.length && !blankLineAt(text, p + 1)) p = lineEnd(text, p + 1);
    this.from = i;
    this.end = Math.min(text.length, p + 1);
    return this.end;
  }
}

/** Adds `text[start, end)` without its surrounding whitespace, when anything is left. */
export function pushTrimmed(out: CitedKey[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ key: text.slice(s, e), start: s, end: e });
}

/**
 * `text.indexOf(char, from)` for `from` that only grow: the last answer is reused while it is
 * still ahead, so asking at every position costs one pass over the text in all.
 */
export class NextIndex {
  private from = -1;
  private found = -1;
  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  at(from: number): number {
    if (from < this.from || (this.found >= 0 && from > this.found) || (this.found < 0 && this.from < 0)) {
      this.found = this.text.indexOf(this.char, from);
      this.from = from;
    }
    return this.found;
  }
}
