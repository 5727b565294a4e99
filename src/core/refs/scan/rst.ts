/**
 * Citation keys in reStructuredText with sphinxcontrib-bibtex: the `:cite:` and `:footcite:`
 * roles and their styles (`:cite:p:`, `:cite:t:`, `:footcite:ts:`, …), keys separated by commas,
 * each optionally with `{pre}` and `{post}` text. Skips comments, literal blocks (`::`), the
 * bodies of code directives and inline literals.
 */
import type { CitedKey } from '../citationScan';
import {
  BACKSLASH,
  BACKTICK,
  COLON,
  COMMA,
  CR,
  DOT,
  LBRACE,
  LF,
  RBRACE,
  SPACE,
  TAB,
  ParagraphEnds,
  blankLineAt,
  codePointAt,
  codePointBefore,
  isAlnum,
  isSpace,
  lineEnd,
  pushTrimmed,
} from './chars';

/** Directives whose body is code or raw text, not reStructuredText. */
const CODE_DIRECTIVES = new Set([
  'code',
  'code-block',
  'sourcecode',
  'math',
  'raw',
  'doctest',
  'testcode',
  'testsetup',
  'testcleanup',
  'testoutput',
  'ipython',
  'jupyter-execute',
  'graphviz',
  'mermaid',
  'plantuml',
]);

function isLower(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

/** Inline markup starts a line or follows whitespace or punctuation (not a word, not `` ` ``). */
const MARKUP_PRECEDER = /^[\s'"([{<\-/:\p{Pd}\p{Po}\p{Ps}\p{Pi}\p{Pf}]$/u;

function startsInlineMarkup(before: number): boolean {
  return before < 0 || isSpace(before) || (!isAlnum(before) && MARKUP_PRECEDER.test(String.fromCodePoint(before)));
}

const MARKUP_FOLLOWER = /^[\s'")\]}>\-/:.,;!?\\\p{Pd}\p{Po}\p{Pe}\p{Pi}\p{Pf}]$/u;

/** Inline markup ends a line or is followed by whitespace or punctuation. */
function endsInlineMarkup(after: number): boolean {
  return after < 0 || isSpace(after) || (!isAlnum(after) && MARKUP_FOLLOWER.test(String.fromCodePoint(after)));
}

/** Directive names: letters, digits, `-_+.`, and `:` between parts (`py:function`). */
function isDirectiveNameChar(c: number, next: number): boolean {
  return isAlnum(c) || c === 0x2d || c === 0x5f || c === 0x2b || c === DOT || (c === COLON && next !== COLON);
}

export function scanRst(text: string): CitedKey[] {
  return new RstScanner(text).run();
}

class RstScanner {
  private readonly out: CitedKey[] = [];
  private readonly n: number;
  private readonly paragraphs: ParagraphEnds;
  /** While >= 0, blank lines and lines indented deeper than this are skipped (comment or code body). */
  private skipIndent = -1;
  /** A bare `..`: an empty comment when a blank line follows, else the indented lines are its text. */
  private bareComment = false;
  /** The last paragraph ended with `::`: an indented block after a blank line is literal. */
  private literalPending = false;
  private literalSawBlank = false;
  private paragraphIndent = 0;
  private previousBlank = true;
  /** In a `>>>` doctest block, which runs to the next blank line. */
  private doctest = false;
  /** The paragraph end up to which an unclosed ``` `` ``` was already looked for. */
  private literalUnclosedUntil = -1;
  /** The paragraph end up to which interpreted text found no closing backtick. */
  private roleUnclosedUntil = -1;
  /** Just after a ``` `` ``` that opened no literal. */
  private afterUnclosedLiteral = -1;

  constructor(private readonly text: string) {
    this.n = text.length;
    this.paragraphs = new ParagraphEnds(text);
  }

  run(): CitedKey[] {
    const text = this.text;
    let i = 0;
    let lineStart = true;
    while (i < this.n) {
      if (lineStart) {
        lineStart = false;
        const next = this.line(i);
        if (next !== i) {
          i = next;
          lineStart = true;
          continue;
        }
      }
      const c = text.charCodeAt(i);
      if (c === LF) {
        lineStart = true;
        i++;
      } else if (c === BACKSLASH) {
        if (text.charCodeAt(i + 1) === LF) lineStart = true;
        i += 2;
      } else if (c === BACKTICK && text.charCodeAt(i + 1) === BACKTICK) {
        i = this.inlineLiteral(i);
      } else if (c === COLON) {
        i = this.role(i);
      } else {
        i++;
      }
    }
    return this.out;
  }

  /** Block structure at a line start: returns `i` to scan the line, or the next line's start to skip it. */
  private line(i: number): number {
    const text = this.text;
    const end = lineEnd(text, i);
    const next = Math.min(this.n, end + 1);
    const blank = blankLineAt(text, i);
    let p = i;
    let indent = 0;
    for (; p < end; p++) {
      const c = text.charCodeAt(p);
      if (c === SPACE) indent++;
      else if (c === TAB) indent = indent - (indent % 8) + 8;
      else break;
    }
    if (this.literalPending) {
      if (blank) {
        this.literalSawBlank = true;
        return next;
      }
      this.literalPending = false;
      if (this.literalSawBlank && indent > this.paragraphIndent) {
        this.skipIndent = this.paragraphIndent;
        return next;
      }
    }
    if (this.skipIndent >= 0) {
      if (blank) {
        if (this.bareComment) this.skipIndent = -1;
        this.bareComment = false;
        return next;
      }
      this.bareComment = false;
      if (indent > this.skipIndent) return next;
      this.skipIndent = -1;
    }
    if (this.doctest) {
      if (!blank) return next;
      this.doctest = false;
    }
    if (blank) {
      this.previousBlank = true;
      return next;
    }
    if (this.previousBlank) {
      this.paragraphIndent = indent;
      if (text.startsWith('>>>', p) && isSpace(text.charCodeAt(p + 3))) {
        this.doctest = true;
        return next;
      }
    }
    this.previousBlank = false;
    if (text.startsWith('..', p) && (p + 2 >= end || isSpace(text.charCodeAt(p + 2)))) {
      return this.explicitMarkup(p + 2, end, indent, i, next);
    }
    let e = end;
    while (e > p && isSpace(text.charCodeAt(e - 1))) e--;
    if (e - p >= 2 && text.charCodeAt(e - 1) === COLON && text.charCodeAt(e - 2) === COLON) {
      this.literalPending = true;
      this.literalSawBlank = false;
    }
    return i;
  }

  /** A line starting `.. `: a comment or code directive is skipped with its indented body. */
  private explicitMarkup(p: number, end: number, indent: number, i: number, next: number): number {
    const text = this.text;
    let q = p;
    while (q < end && (text.charCodeAt(q) === SPACE || text.charCodeAt(q) === TAB)) q++;
    if (q >= end || text.charCodeAt(q) === CR) {
      this.skipIndent = indent;
      this.bareComment = true;
      return next;
    }
    const c = text[q];
    // Footnotes, citations and substitution definitions hold text that can cite; a target's is a URL.
    if (c === '[' || c === '|') return i;
    let nameEnd = q;
    while (nameEnd < end && isDirectiveNameChar(text.charCodeAt(nameEnd), text.charCodeAt(nameEnd + 1))) nameEnd++;
    if (nameEnd > q && text.startsWith('::', nameEnd)) {
      if (!CODE_DIRECTIVES.has(text.slice(q, nameEnd).toLowerCase())) return i;
    }
    this.skipIndent = indent;
    return next;
  }

  /** ``` ``literal`` ```: to the next ``` `` ``` in the paragraph; without one, two literal backticks. */
  private inlineLiteral(i: number): number {
    const text = this.text;
    const limit = this.paragraphs.endOf(i);
    // Start and end strings touch the literal's text: `` `` x`` `` is no literal.
    if (!startsInlineMarkup(codePointBefore(text, i)) && i !== this.afterUnclosedLiteral) return i + 2;
    this.afterUnclosedLiteral = i + 2;
    if (isSpace(text.charCodeAt(i + 2)) || this.literalUnclosedUntil === limit) return i + 2;
    for (let close = text.indexOf('``', i + 3); close >= 0 && close < limit; close = text.indexOf('``', close + 1)) {
      if (!isSpace(text.charCodeAt(close - 1))) return close + 2;
    }
    this.literalUnclosedUntil = limit;
    return i + 2;
  }

  /** `:cite:`…``, `:cite:style:`…``, `:footcite…:`…`` at `i`; returns where scanning goes on. */
  private role(i: number): number {
    const text = this.text;
    // After a start string left unclosed (shown as text), markup may start right away.
    if (i !== this.afterUnclosedLiteral && !startsInlineMarkup(codePointBefore(text, i))) return i + 1;
    let p = i + 1;
    if (text.startsWith('footcite', p)) p += 8;
    else if (text.startsWith('cite', p)) p += 4;
    else return i + 1;
    while (text.charCodeAt(p) === COLON && isLower(text.charCodeAt(p + 1))) {
      p += 2;
      while (isLower(text.charCodeAt(p))) p++;
    }
    if (text.charCodeAt(p) !== COLON || text.charCodeAt(p + 1) !== BACKTICK) return i + 1;
    const open = p + 1;
    const close = this.interpretedEnd(open);
    if (close < 0) return open + 1;
    this.targets(open + 1, close);
    return close + 1;
  }

  /**
   * The backtick closing interpreted text opened at `open`: the text starts and ends with a
   * non-space, and the closing backtick is followed by a space, punctuation or the end. -1 when
   * the paragraph holds none (then no later one in it can close either: remembered).
   */
  private interpretedEnd(open: number): number {
    const text = this.text;
    const limit = this.paragraphs.endOf(open);
    if (isSpace(text.charCodeAt(open + 1)) || this.roleUnclosedUntil === limit) return -1;
    for (let close = text.indexOf('`', open + 2); close >= 0 && close < limit; close = text.indexOf('`', close + 1)) {
      if (!isSpace(text.charCodeAt(close - 1)) && endsInlineMarkup(codePointAt(text, close + 1))) return close;
    }
    this.roleUnclosedUntil = limit;
    return -1;
  }

  /** `key, {see}key2{p. 3}`: keys at commas outside braces, without their `{pre}`/`{post}` text. */
  private targets(start: number, end: number): void {
    const text = this.text;
    let depth = 0;
    let from = start;
    for (let p = start; p <= end; p++) {
      const c = p < end ? text.charCodeAt(p) : COMMA;
      if (c === LBRACE) depth++;
      else if (c === RBRACE) depth = Math.max(0, depth - 1);
      else if (c === COMMA && depth === 0) {
        this.target(from, p);
        from = p + 1;
      }
    }
  }

  private target(start: number, end: number): void {
    const text = this.text;
    let s = start;
    let e = end;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (text.charCodeAt(s) === LBRACE) {
      const close = text.indexOf('}', s);
      s = close < 0 || close >= e ? e : close + 1;
    }
    if (e > s && text.charCodeAt(e - 1) === RBRACE) {
      const open = text.lastIndexOf('{', e - 1);
      if (open >= s) e = open;
    }
    pushTrimmed(this.out, text, s, e);
  }
}
