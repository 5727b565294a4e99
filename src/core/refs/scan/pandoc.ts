/**
 * Citation keys in pandoc Markdown (also Quarto and R Markdown): `@key` in running text, which
 * covers `[@a]`, `[-@a]` and `[see @a, p. 3; @b]`, and `@{any key}`. Skips what pandoc does not
 * read as text (front matter, code, math, HTML comments and tags, link destinations, autolinks),
 * escaped `\@`, `@` inside a word (e-mail addresses) and Quarto cross-references.
 */
import type { CitedKey } from '../citationScan';
import {
  AT,
  BACKSLASH,
  BACKTICK,
  COLON,
  DOLLAR,
  DOT,
  GT,
  LBRACE,
  LF,
  LPAREN,
  LT,
  RBRACE,
  RBRACKET,
  RPAREN,
  SLASH,
  SPACE,
  TAB,
  NextIndex,
  ParagraphEnds,
  codePointAt,
  codePointBefore,
  cpLength,
  isAlnum,
  isAsciiLetter,
  isSpace,
  isWord,
  lineEnd,
} from './chars';
import { PandocBlocks, frontMatterEnd } from './pandocBlocks';

/** Pandoc's "internal punctuation": allowed inside a key when a letter, digit or `_` follows. */
const INTERNAL_PUNCTUATION = new Set(Array.from(':.#$%&-+?<>~/', (ch) => ch.charCodeAt(0)));

/** Quarto cross-reference prefixes (`@fig-x`, or `@Fig-x` to start a sentence): figures, not papers. */
const CROSS_REF = /^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg|apx)-/i;

/** How long a `@{…}` key may be (a URL or a title, not a paragraph). */
const MAX_BRACED_KEY = 1000;

/** How far an HTML tag's attributes are followed looking for its `>`. */
const MAX_TAG = 2000;

/** Characters that end an unquoted HTML attribute value. */
const UNQUOTED_STOP = new Set(Array.from('"\'=<>`', (ch) => ch.charCodeAt(0)));

function isAttributeNameChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === DOT || c === COLON || c === 0x2d;
}

export function scanPandoc(text: string): CitedKey[] {
  return new PandocScanner(text).run();
}

class PandocScanner {
  private readonly out: CitedKey[] = [];
  private readonly n: number;
  private readonly paragraphs: ParagraphEnds;
  /**
   * A delimiter that found no closer is remembered with the paragraph end it searched to, so a
   * paragraph full of stray backticks or dollars is not searched again from each of them.
   */
  private readonly unclosed = new Map<string, number>();
  private lastCitationEnd = -1;
  private readonly nextBrace: NextIndex;

  constructor(private readonly text: string) {
    this.n = text.length;
    this.paragraphs = new ParagraphEnds(text);
    this.nextBrace = new NextIndex(text, '}');
  }

  run(): CitedKey[] {
    const text = this.text;
    const blocks = new PandocBlocks(text);
    let i = frontMatterEnd(text);
    let lineStart = true;
    while (i < this.n) {
      if (lineStart) {
        lineStart = false;
        const next = blocks.skip(i);
        if (next !== i) {
          i = next;
          lineStart = true;
          continue;
        }
      }
      const c = text.charCodeAt(i);
      switch (c) {
        case LF:
          lineStart = true;
          i++;
          break;
        case BACKSLASH:
          // An escaped character (`\@`, `` \` ``, `\$`, `\\`) is literal text.
          if (text.charCodeAt(i + 1) === LF) lineStart = true;
          i += 2;
          break;
        case BACKTICK:
          i = this.codeSpan(i);
          break;
        case DOLLAR:
          i = this.math(i);
          break;
        case LT:
          i = this.angle(i);
          break;
        case RBRACKET:
          i = text.charCodeAt(i + 1) === LPAREN ? this.linkDestination(i + 1) : i + 1;
          break;
        case AT:
          i = this.citation(i);
          break;
        default:
          i++;
      }
    }
    return this.out;
  }

  /** Inline code: a run of backticks to the next run of the same length in the paragraph, else literal. */
  private codeSpan(i: number): number {
    const text = this.text;
    let r = i;
    while (r < this.n && text.charCodeAt(r) === BACKTICK) r++;
    const length = r - i;
    const limit = this.paragraphs.endOf(i);
    const memo = `\`${length}`;
    if (this.unclosed.get(memo) === limit) return r;
    let p = r;
    for (;;) {
      const open = text.indexOf('`', p);
      if (open < 0 || open >= limit) break;
      let e = open;
      while (e < this.n && text.charCodeAt(e) === BACKTICK) e++;
      if (e - open === length) return e;
      p = e;
    }
    this.unclosed.set(memo, limit);
    return r;
  }

  /**
   * TeX math: `$$…$$`, or `$…$` where the opening `$` has no space after it and the closing one
   * no space before it nor a digit after it (so `$5 and $10` stays text).
   */
  private math(i: number): number {
    const text = this.text;
    const limit = this.paragraphs.endOf(i);
    if (text.charCodeAt(i + 1) === DOLLAR) {
      if (this.unclosed.get('$$') === limit) return i + 2;
      const close = text.indexOf('$$', i + 2);
      if (close >= 0 && close < limit) return close + 2;
      this.unclosed.set('$$', limit);
      return i + 2;
    }
    if (isSpace(text.charCodeAt(i + 1)) || this.unclosed.get('$') === limit) return i + 1;
    for (let p = text.indexOf('$', i + 1); p >= 0 && p < limit; p = text.indexOf('$', p + 1)) {
      const before = text.charCodeAt(p - 1);
      const after = text.charCodeAt(p + 1);
      if (before === BACKSLASH || isSpace(before) || (after >= 0x30 && after <= 0x39)) continue;
      return p + 1;
    }
    this.unclosed.set('$', limit);
    return i + 1;
  }

  /** `<!-- comment -->`, `<scheme:…>` autolinks and HTML tags. */
  private angle(i: number): number {
    const text = this.text;
    if (text.startsWith('<!--', i)) {
      // Unclosed, pandoc shows it as text.
      const e = text.indexOf('-->', i + 4);
      return e < 0 ? i + 4 : e + 3;
    }
    let p = text.charCodeAt(i + 1) === 0x2f ? i + 2 : i + 1;
    if (!isAsciiLetter(text.charCodeAt(p))) return i + 1;
    while (p < this.n && p - i < 34) {
      const c = text.charCodeAt(p);
      if (!(isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === DOT || c === 0x2d)) break;
      p++;
    }
    return text.charCodeAt(p) === 0x3a ? this.autolink(i, p) : this.tag(i, p);
  }

  private autolink(i: number, colon: number): number {
    const text = this.text;
    const end = lineEnd(text, colon);
    for (let q = colon + 1; q < end; q++) {
      const c = text.charCodeAt(q);
      if (c === GT) return q + 1;
      if (c === LT || c === SPACE || c === TAB) break;
    }
    return i + 1;
  }

  /** An HTML tag's attributes, from the end of its name at `p`: `name`, `name=value`, `name="…"`. */
  private tag(i: number, p: number): number {
    const text = this.text;
    const limit = Math.min(this.paragraphs.endOf(i), i + MAX_TAG);
    let q = p;
    for (;;) {
      const spaced = q;
      while (q < limit && isSpace(text.charCodeAt(q))) q++;
      const c = text.charCodeAt(q);
      if (c === GT) return q + 1;
      if (c === 0x2f && text.charCodeAt(q + 1) === GT) return q + 2;
      if (q === spaced || !(isAsciiLetter(c) || c === 0x5f || c === 0x3a)) return i + 1;
      while (q < limit && isAttributeNameChar(text.charCodeAt(q))) q++;
      let r = q;
      while (r < limit && isSpace(text.charCodeAt(r))) r++;
      if (text.charCodeAt(r) !== 0x3d) continue;
      r++;
      while (r < limit && isSpace(text.charCodeAt(r))) r++;
      const quote = text.charCodeAt(r);
      if (quote === 0x22 || quote === 0x27) {
        const close = text.indexOf(text[r], r + 1);
        if (close < 0 || close >= limit) return i + 1;
        q = close + 1;
      } else {
        const start = r;
        while (r < limit && !isSpace(text.charCodeAt(r)) && !UNQUOTED_STOP.has(text.charCodeAt(r))) r++;
        if (r === start) return i + 1;
        q = r;
      }
    }
  }

  /** `](destination)` of an inline link: a URL, where `/@user` is not a citation. */
  private linkDestination(p: number): number {
    const text = this.text;
    const end = lineEnd(text, p);
    let depth = 0;
    for (let q = p + 1; q < end; q++) {
      const c = text.charCodeAt(q);
      if (c === BACKSLASH) q++;
      else if (c === LPAREN) depth++;
      else if (c === RPAREN && depth-- === 0) return q + 1;
    }
    return p;
  }

  /**
   * Whether `@` at `i` can start a citation. Pandoc reads letters, digits and single dots as one
   * word, and `@` right after a word is not a citation (`a@b.com`, `x.@y`); an ellipsis or another
   * citation (`@a@b`) are not words.
   */
  private citable(i: number): boolean {
    if (i === this.lastCitationEnd) return true;
    const text = this.text;
    const before = codePointBefore(text, i);
    if (before !== DOT) return !isAlnum(before);
    return text.startsWith('...', i - 3) && text.charCodeAt(i - 4) !== DOT;
  }

  /** `@key` or `@{key}` at `i`; returns where scanning goes on. */
  private citation(i: number): number {
    const text = this.text;
    if (!this.citable(i)) return i + 1;
    if (text.charCodeAt(i + 1) === LBRACE) return this.bracedKey(i + 1);
    const first = codePointAt(text, i + 1);
    if (!isWord(first)) return i + 1;
    let p = i + 1 + cpLength(first);
    while (p < this.n) {
      const cp = codePointAt(text, p);
      if (isWord(cp)) {
        p += cpLength(cp);
      } else if (INTERNAL_PUNCTUATION.has(cp) && this.keyGoesOn(cp, codePointAt(text, p + 1))) {
        p++;
      } else {
        break;
      }
    }
    this.push(text.slice(i + 1, p), i + 1, p);
    return p;
  }

  /** Punctuation stays in a key before a letter, digit or `_`; `:` and `/` also before `/` (`@a://b`). */
  private keyGoesOn(punctuation: number, next: number): boolean {
    return isWord(next) || (next === SLASH && (punctuation === COLON || punctuation === SLASH));
  }

  /** `@{…}`: the key is what the braces hold (balanced, on one line; `\}` and `\\` escaped). */
  private bracedKey(p: number): number {
    const text = this.text;
    const end = Math.min(lineEnd(text, p), p + MAX_BRACED_KEY);
    if (this.nextBrace.at(p + 1) < 0 || this.nextBrace.at(p + 1) >= end) return p;
    let depth = 0;
    for (let q = p + 1; q < end; q++) {
      const c = text.charCodeAt(q);
      if (c === BACKSLASH) q++;
      else if (c === LBRACE) depth++;
      else if (c === RBRACE && depth-- === 0) {
        const raw = text.slice(p + 1, q);
        if (raw !== '' && !isSpace(raw.charCodeAt(0)) && !isSpace(raw.charCodeAt(raw.length - 1))) {
          this.push(raw.includes('\\') ? raw.replace(/\\(.)/g, '$1') : raw, p + 1, q);
        }
        return q + 1;
      }
    }
    return p;
  }

  private push(key: string, start: number, end: number): void {
    this.lastCitationEnd = end;
    if (!CROSS_REF.test(key)) this.out.push({ key, start, end });
  }
}
