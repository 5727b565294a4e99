/**
 * Citation keys in Typst: `@key` in markup, `#cite(<key>)`, `#cite(label("key"))` and
 * `#ref(<key>)`. Markup and code are told apart with a stack of open brackets, so strings and
 * label literals in code, comments and raw text are skipped. `@key` and `ref` pointing at a label
 * the document defines (`= Intro <intro>`) refer to that label and are left out.
 */
import type { CitedKey } from '../citationScan';
import {
  AT,
  BACKSLASH,
  BACKTICK,
  COLON,
  DOT,
  GT,
  HASH,
  HYPHEN,
  LBRACE,
  LBRACKET,
  LF,
  LPAREN,
  LT,
  QUOTE,
  RBRACE,
  RBRACKET,
  RPAREN,
  SEMICOLON,
  SLASH,
  STAR,
  codePointAt,
  codePointBefore,
  cpLength,
  isAlnum,
  isSpace,
  isWord,
  lineEnd,
} from './chars';

/** Characters that end a URL in markup. */
const URL_STOP = new Set(Array.from(' \t\r\n<>])"', (ch) => ch.charCodeAt(0)));

/** Keywords after `#` that start a statement running to the end of its line. */
const STATEMENTS = new Set([
  'let',
  'set',
  'show',
  'import',
  'include',
  'if',
  'for',
  'while',
  'context',
  'return',
  'break',
  'continue',
]);

interface Frame {
  /** `code`: inside `(…)` or `{…}`; `content`: inside `[…]`; `line`: a `#let …` statement. */
  kind: 'code' | 'content' | 'line';
  /** The closing bracket; -1 for a statement. */
  close: number;
  /** Opened by `#name(…)[…]`: after it closes, further `(…)`, `[…]` or `.field` continue the call. */
  chain: boolean;
}

interface Found extends CitedKey {
  /** `#cite(…)` names a bibliography key even when a label of that name exists. */
  explicit: boolean;
}

function isIdStart(cp: number): boolean {
  return cp === 0x5f || (isAlnum(cp) && !(cp >= 0x30 && cp <= 0x39));
}

function isIdContinue(cp: number): boolean {
  return cp === HYPHEN || isWord(cp);
}

/** Characters of a label literal `<…>`. */
function isLabelChar(cp: number): boolean {
  return cp === COLON || cp === DOT || isIdContinue(cp);
}

export function scanTypst(text: string): CitedKey[] {
  return new TypstScanner(text).run();
}

class TypstScanner {
  private readonly found: Found[] = [];
  private readonly labels = new Set<string>();
  private readonly stack: Frame[] = [];
  private readonly n: number;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  run(): CitedKey[] {
    const text = this.text;
    let i = 0;
    while (i < this.n) {
      const c = text.charCodeAt(i);
      if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
        i = lineEnd(text, i);
      } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
        i = this.blockCommentEnd(i);
      } else if (c === BACKTICK) {
        i = this.rawEnd(i);
      } else {
        const top = this.top();
        i = top === undefined || top.kind === 'content' ? this.markup(i, c) : this.code(i, c, top);
      }
    }
    return this.found
      .filter((f) => f.explicit || !this.labels.has(f.key))
      .map(({ key, start, end }) => ({ key, start, end }));
  }

  private markup(i: number, c: number): number {
    const text = this.text;
    switch (c) {
      case BACKSLASH:
        return i + 2;
      case AT:
        return this.reference(i);
      case LT:
        return this.labelDefinition(i);
      case HASH:
        return this.embedded(i + 1);
      case LBRACKET:
        this.stack.push({ kind: 'content', close: RBRACKET, chain: false });
        return i + 1;
      case RBRACKET:
        return this.closeFrame(i);
      case 0x68: // `h`: markup reads `http://…` as a link, so its `//` starts no comment
        if ((text.startsWith('http://', i) || text.startsWith('https://', i)) && !isWord(codePointBefore(text, i))) {
          let p = i + 7;
          while (p < this.n && !URL_STOP.has(text.charCodeAt(p))) p++;
          return p;
        }
        return i + 1;
      default:
        return i + 1;
    }
  }

  private code(i: number, c: number, top: Frame): number {
    const text = this.text;
    if (top.kind === 'line' && (c === LF || c === SEMICOLON)) {
      this.stack.pop();
      return i + 1;
    }
    switch (c) {
      case QUOTE:
        return this.stringEnd(i);
      case LPAREN:
      case LBRACE:
        this.stack.push({ kind: 'code', close: c === LPAREN ? RPAREN : RBRACE, chain: false });
        return i + 1;
      case LBRACKET:
        this.stack.push({ kind: 'content', close: RBRACKET, chain: false });
        return i + 1;
      case RPAREN:
      case RBRACE:
      case RBRACKET:
        if (top.kind === 'line') {
          // A statement inside brackets ends with them; the bracket closes the enclosing frame.
          this.stack.pop();
          return i;
        }
        return this.closeFrame(i);
    }
    const cp = codePointAt(text, i);
    if (isIdStart(cp) && !isIdContinue(codePointBefore(text, i)) && codePointBefore(text, i) !== DOT) {
      const end = this.identEnd(i);
      this.callArgument(text.slice(i, end), end);
      return end;
    }
    return i + cpLength(cp);
  }

  /** After `#` in markup: a call chain, a `{…}` / `(…)` / `[…]` block, or a statement. */
  private embedded(p: number): number {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === LBRACE || c === LPAREN) {
      this.stack.push({ kind: 'code', close: c === LBRACE ? RBRACE : RPAREN, chain: true });
      return p + 1;
    }
    if (c === LBRACKET) {
      this.stack.push({ kind: 'content', close: RBRACKET, chain: true });
      return p + 1;
    }
    if (!isIdStart(codePointAt(text, p))) return p;
    const end = this.identEnd(p);
    const name = text.slice(p, end);
    if (STATEMENTS.has(name)) {
      this.stack.push({ kind: 'line', close: -1, chain: false });
      return end;
    }
    this.callArgument(name, end);
    return this.chain(end);
  }

  /** Continues `#name` with `(…)`, `[…]` or `.field`; stays in markup at anything else. */
  private chain(p: number): number {
    const text = this.text;
    let q = p;
    for (;;) {
      const c = text.charCodeAt(q);
      if (c === LPAREN) {
        this.stack.push({ kind: 'code', close: RPAREN, chain: true });
        return q + 1;
      }
      if (c === LBRACKET) {
        this.stack.push({ kind: 'content', close: RBRACKET, chain: true });
        return q + 1;
      }
      if (c === DOT && isIdStart(codePointAt(text, q + 1))) {
        q = this.identEnd(q + 1);
        continue;
      }
      return q;
    }
  }

  /** The innermost frame. (Reading past an array's end is slow in V8, so the length is checked.) */
  private top(): Frame | undefined {
    const n = this.stack.length;
    return n === 0 ? undefined : this.stack[n - 1];
  }

  private closeFrame(i: number): number {
    const top = this.top();
    const c = this.text.charCodeAt(i);
    if (top === undefined || top.close !== c) return i + 1;
    this.stack.pop();
    return top.chain ? this.chain(i + 1) : i + 1;
  }

  private identEnd(p: number): number {
    let q = p;
    while (q < this.n) {
      const cp = codePointAt(this.text, q);
      if (!isIdContinue(cp)) break;
      q += cpLength(cp);
    }
    return q;
  }

  /** `cite(<key>)`, `cite(label("key"))`, `ref(<key>)`: records the key, consumes nothing. */
  private callArgument(name: string, p: number): void {
    if ((name !== 'cite' && name !== 'ref') || this.text.charCodeAt(p) !== LPAREN) return;
    const text = this.text;
    let q = this.skipSpace(p + 1);
    if (text.charCodeAt(q) === LT) {
      const end = this.labelEnd(q);
      if (end > 0) this.record(q + 1, end - 1, name === 'cite');
      return;
    }
    if (!text.startsWith('label', q)) return;
    q = this.skipSpace(q + 5);
    if (text.charCodeAt(q) !== LPAREN) return;
    q = this.skipSpace(q + 1);
    if (text.charCodeAt(q) !== QUOTE) return;
    const close = this.stringEnd(q) - 1;
    if (close <= q + 1 || text.charCodeAt(close) !== QUOTE) return;
    const raw = text.slice(q + 1, close);
    // An escaped key is given unescaped; its range still covers the source text.
    const key = raw.includes('\\') ? raw.replace(/\\(u\{[0-9a-fA-F]+\}|.)/g, unescape) : raw;
    this.found.push({ key, start: q + 1, end: close, explicit: name === 'cite' });
  }

  /** `@key` in markup (not after a letter, digit or `_`, which makes it part of a word). */
  private reference(i: number): number {
    const text = this.text;
    if (isWord(codePointBefore(text, i))) return i + 1;
    const first = codePointAt(text, i + 1);
    if (!isWord(first)) return i + 1;
    let p = i + 1 + cpLength(first);
    while (p < this.n) {
      const cp = codePointAt(text, p);
      if (isIdContinue(cp)) p += cpLength(cp);
      else if ((cp === COLON || cp === DOT) && isIdContinue(codePointAt(text, p + 1))) p++;
      else break;
    }
    this.record(i + 1, p, false);
    return p;
  }

  /** `<name>` in markup labels what precedes it. */
  private labelDefinition(i: number): number {
    const end = this.labelEnd(i);
    if (end < 0) return i + 1;
    this.labels.add(this.text.slice(i + 1, end - 1));
    return end;
  }

  /** The offset after the `>` of a label literal at `i`, or -1. */
  private labelEnd(i: number): number {
    let p = i + 1;
    while (p < this.n) {
      const cp = codePointAt(this.text, p);
      if (!isLabelChar(cp)) break;
      p += cpLength(cp);
    }
    return p > i + 1 && this.text.charCodeAt(p) === GT ? p + 1 : -1;
  }

  private record(start: number, end: number, explicit: boolean): void {
    this.found.push({ key: this.text.slice(start, end), start, end, explicit });
  }

  /** The offset after a string literal's closing quote (the end when unclosed). */
  private stringEnd(i: number): number {
    const text = this.text;
    for (let p = i + 1; p < this.n; p++) {
      const c = text.charCodeAt(p);
      if (c === BACKSLASH) p++;
      else if (c === QUOTE) return p + 1;
    }
    return this.n;
  }

  /** Raw text: one backtick to the next; three or more to the next run of as many (to the end when unclosed). */
  private rawEnd(i: number): number {
    const text = this.text;
    let r = i;
    while (r < this.n && text.charCodeAt(r) === BACKTICK) r++;
    const length = r - i;
    if (length === 2) return r;
    const close = text.indexOf('`'.repeat(length), r);
    return close < 0 ? this.n : close + length;
  }

  /** Block comments nest in Typst. */
  private blockCommentEnd(i: number): number {
    const text = this.text;
    let depth = 0;
    let p = i;
    while (p < this.n) {
      const c = text.charCodeAt(p);
      if (c === SLASH && text.charCodeAt(p + 1) === STAR) {
        depth++;
        p += 2;
      } else if (c === STAR && text.charCodeAt(p + 1) === SLASH) {
        p += 2;
        if (--depth === 0) return p;
      } else {
        p++;
      }
    }
    return this.n;
  }

  private skipSpace(p: number): number {
    let q = p;
    while (q < this.n && isSpace(this.text.charCodeAt(q))) q++;
    return q;
  }
}

function unescape(_match: string, escaped: string): string {
  if (escaped.startsWith('u{')) return String.fromCodePoint(parseInt(escaped.slice(2, -1), 16));
  return { n: '\n', r: '\r', t: '\t' }[escaped] ?? escaped;
}
